package dev.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Whether a decrypted plaintext can be what its {@code type:} tag says, by the rules sops applies when it turns
 * the plaintext back into a typed value (Go's {@code strconv.Atoi}, {@code ParseFloat}, {@code ParseBool} and
 * RFC 3339 time). sops refuses the whole file when one does not convert, so a tag edited by hand
 * ({@code type:int} on {@code db.example.com}) is caught the same way here.
 */
public final class TypedPlaintext {
    private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern GO_DECIMAL_FLOAT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final String HEX = "[0-9a-fA-F]";
    private static final Pattern GO_HEX_FLOAT = Pattern.compile("[+-]?0[xX]((_?" + HEX + ")+(\\.(" + HEX + "(_?" + HEX
            + ")*)?)?|\\." + HEX + "(_?" + HEX + ")*)[pP][+-]?[0-9](_?[0-9])*");
    private static final Pattern GO_SPECIAL_FLOAT = Pattern.compile("(?i)[+-]?inf(inity)?|nan");
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?(Z|[+-](\\d{2}):(\\d{2}))");

    private TypedPlaintext() {
    }

    /** True when sops would accept {@code plaintext} as a value of {@code type}; unknown types are refused. */
    public static boolean matches(String type, byte[] plaintext) {
        switch (type) {
            case Scalar.STR: case Scalar.COMMENT: case "bytes":
                return true;
            default:
                break;
        }
        String text = new String(plaintext, StandardCharsets.UTF_8);
        switch (type) {
            case Scalar.INT:
                return isGoInt(text);
            case Scalar.FLOAT:
                return isGoFloat(text);
            case Scalar.BOOL:
                return isGoBool(text);
            case Scalar.TIME:
                return isRfc3339(text);
            default:
                return false;
        }
    }

    private static boolean isGoInt(String text) {
        if (!GO_INT.matcher(text).matches()) {
            return false;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isGoFloat(String text) {
        if (GO_SPECIAL_FLOAT.matcher(text).matches()) {
            return true;
        }
        boolean hex = GO_HEX_FLOAT.matcher(text).matches();
        if (!hex && !GO_DECIMAL_FLOAT.matcher(text).matches()) {
            return false;
        }
        // Go reports overflow to infinity as an error (ErrRange); underflow to zero is accepted.
        return !Double.isInfinite(Double.parseDouble(text.replace("_", "")));
    }

    private static boolean isGoBool(String text) {
        try {
            TypedValues.parseGoBool(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isRfc3339(String text) {
        var m = RFC3339.matcher(text);
        if (!m.matches()) {
            return false;
        }
        if (m.group(4) != null && (Integer.parseInt(m.group(4)) > 23 || Integer.parseInt(m.group(5)) > 59)) {
            return false;
        }
        try {
            LocalDateTime.parse(m.group(1));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
