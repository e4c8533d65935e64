package dev.secrets.sops;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * How sops turns typed values into text: the canonical bytes its MAC hashes ({@code ToBytes}) and the text its
 * dotenv store prints ({@code ValToString}). Strings, comments and unknown types are their bytes.
 */
public final class TypedValues {
    private TypedValues() {
    }

    /** Go's {@code ToBytes}: ints decimal, bools {@code True}/{@code False}, floats {@code FormatFloat(v,'f',-1)}. */
    public static byte[] macBytes(Scalar value) {
        return render(value, true);
    }

    /** Go's {@code ValToString}: bools {@code true}/{@code false}, floats {@code %G} with ".0" when integral. */
    public static byte[] dotenvBytes(Scalar value) {
        return render(value, false);
    }

    private static byte[] render(Scalar value, boolean forMac) {
        String text = value.text();
        String out;
        try {
            switch (value.type()) {
                case "int":
                    out = Long.toString(Long.parseLong(text));
                    break;
                case "bool":
                    boolean b = parseGoBool(text);
                    out = forMac ? (b ? "True" : "False") : Boolean.toString(b);
                    break;
                case "float":
                    double d = Double.parseDouble(text);
                    out = forMac ? goFloatF(d) : goFloatG(d);
                    break;
                default:
                    return value.bytes();
            }
        } catch (NumberFormatException e) {
            return value.bytes();
        }
        return out.getBytes(StandardCharsets.US_ASCII);
    }

    public static boolean parseGoBool(String text) {
        switch (text) {
            case "1": case "t": case "T": case "TRUE": case "true": case "True":
                return true;
            case "0": case "f": case "F": case "FALSE": case "false": case "False":
                return false;
            default:
                throw new NumberFormatException("not a bool");
        }
    }

    /** Go's {@code FormatFloat(v, 'f', -1, 64)}. */
    public static String goFloatF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
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
        int exponent = d.precision() - d.scale() - 1;
        String text;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = d.unscaledValue().abs().toString();
            String m = mantissa.length() > 1 ? mantissa.charAt(0) + "." + mantissa.substring(1) : mantissa;
            text = (v < 0 ? "-" : "") + m + "E" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        } else {
            text = d.toPlainString();
        }
        return text.contains(".") || text.contains("E") ? text : text + ".0";
    }

    /** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, as YAML writes floats ({@code .inf}, {@code .nan} aside). */
    public static String goFloatShortG(double v) {
        if (Double.isNaN(v)) {
            return ".nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            return exponentForm(d, v, exponent);
        }
        return d.toPlainString();
    }

    /** Go's {@code encoding/json} float: {@code 'f'} form, {@code 'e'} below 1e-6 and from 1e21. */
    public static String goJsonFloat(double v) {
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
            String e = exponentForm(d, v, d.precision() - d.scale() - 1);
            return e.replaceFirst("e-0(\\d)$", "e-$1");
        }
        return goFloatF(v);
    }

    private static String exponentForm(BigDecimal d, double v, int exponent) {
        String mantissa = d.unscaledValue().abs().toString();
        String m = mantissa.length() > 1 ? mantissa.charAt(0) + "." + mantissa.substring(1) : mantissa;
        return (v < 0 ? "-" : "") + m + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
