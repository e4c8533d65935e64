package dev.secrets.sops.store;

import dev.secrets.sops.Scalar;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** How typed values print in dotenv, as sops's {@code ValToString} does (strings as they are). */
final class PlainValues {
    private PlainValues() {
    }

    static byte[] toDotenv(Scalar value) {
        String text = value.text();
        try {
            switch (value.type()) {
                case "int":
                    return Long.toString(Long.parseLong(text)).getBytes(StandardCharsets.US_ASCII);
                case "bool":
                    return (isTrue(text) ? "true" : "false").getBytes(StandardCharsets.US_ASCII);
                case "float":
                    return goFloatG(Double.parseDouble(text)).getBytes(StandardCharsets.US_ASCII);
                default:
                    return value.bytes();
            }
        } catch (NumberFormatException e) {
            return value.bytes();
        }
    }

    private static boolean isTrue(String text) {
        return text.equals("1") || text.equalsIgnoreCase("t") || text.equalsIgnoreCase("true");
    }

    /** Go's {@code %G} with shortest precision (exponent form below 1e-4 and from 1e6), then ".0" if no point. */
    static String goFloatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0 ? "-0" : "0") + ".0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int digits = d.precision();
        int exponent = digits - d.scale() - 1;
        String text;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = d.unscaledValue().abs().toString();
            String m = mantissa.length() > 1 ? mantissa.charAt(0) + "." + mantissa.substring(1) : mantissa;
            String exp = String.format("%02d", Math.abs(exponent));
            text = (v < 0 ? "-" : "") + m + "E" + (exponent < 0 ? "-" : "+") + exp;
        } else {
            text = d.toPlainString();
        }
        return text.contains(".") || text.contains("E") ? text : text + ".0";
    }
}
