package dev.secrets.sops.store;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.TypedValues;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plain YAML scalar means, as go-yaml v3 (which sops uses) resolves it: null, bool, int, float, or a
 * string (timestamps stay strings when decoded into sops's tree). Also tells the writer which strings need quotes.
 */
final class YamlResolve {
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
    private static final Set<String> OLD_BOOLS = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N",
            "no", "No", "NO", "off", "Off", "OFF");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
    private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
            + "(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]*)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?))"
            + "|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]*)?))?$");

    private YamlResolve() {
    }

    /** The tree value of a plain (unquoted, untagged) scalar. */
    static TreeValue plain(String s) {
        if (NULLS.contains(s)) {
            return new TreeValue.Null();
        }
        if (TRUES.contains(s)) {
            return Scalar.of(Scalar.BOOL, "true");
        }
        if (FALSES.contains(s)) {
            return Scalar.of(Scalar.BOOL, "false");
        }
        switch (s) {
            case ".nan": case ".NaN": case ".NAN":
                return Scalar.of(Scalar.FLOAT, "NaN");
            case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF":
                return Scalar.of(Scalar.FLOAT, "+Inf");
            case "-.inf": case "-.Inf": case "-.INF":
                return Scalar.of(Scalar.FLOAT, "-Inf");
            default:
                break;
        }
        if (s.isEmpty()) {
            return Scalar.str(s);
        }
        char first = s.charAt(0);
        if (first == '.') {
            try {
                return Scalar.of(Scalar.FLOAT, TypedValues.goFloatF(Double.parseDouble(s)));
            } catch (NumberFormatException e) {
                return Scalar.str(s);
            }
        }
        if (first == '+' || first == '-' || first >= '0' && first <= '9') {
            if (TIMESTAMP.matcher(s).matches()) {
                return Scalar.str(s);
            }
            String plain = s.replace("_", "");
            BigInteger integer = goInteger(plain);
            if (integer != null && integer.bitLength() < 64) {
                return Scalar.of(Scalar.INT, integer.toString());
            }
            if (integer != null && integer.signum() > 0 && integer.bitLength() == 64) {
                return Scalar.of(Scalar.INT, integer.toString());
            }
            if (FLOAT.matcher(plain).matches()) {
                return Scalar.of(Scalar.FLOAT, TypedValues.goFloatF(Double.parseDouble(plain)));
            }
        }
        return Scalar.str(s);
    }

    /** Go's {@code ParseInt(s, 0, 64)} prefixes (0x, 0o, 0b, leading 0 octal); null when not an integer. */
    private static BigInteger goInteger(String s) {
        String digits = s;
        boolean negative = false;
        if (digits.startsWith("+") || digits.startsWith("-")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char p = Character.toLowerCase(digits.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                digits = digits.substring(2);
            } else {
                radix = 8;
                digits = digits.substring(1);
            }
        }
        int base = radix;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, base) >= 0)) {
            return null;
        }
        BigInteger value = new BigInteger(digits, radix);
        return negative ? value.negate() : value;
    }

    /** True when a string may be written without quotes (it would read back as the same string). */
    static boolean canBePlain(String s) {
        TreeValue v = plain(s);
        boolean isStr = v instanceof Scalar sc && Scalar.STR.equals(sc.type()) && !TIMESTAMP.matcher(s).matches();
        return isStr && !BASE60.matcher(s).matches() && !OLD_BOOLS.contains(s);
    }
}
