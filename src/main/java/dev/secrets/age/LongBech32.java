package dev.secrets.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173 checksum) without BIP 173's 90-character limit, as age encodes its long keys (post-quantum
 * recipients are about 1950 characters; jagged's codec stops at 90). Upper or lower case, never mixed.
 */
final class LongBech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATORS = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private LongBech32() {
    }

    /** A decoded string: its human-readable part (as written) and data bytes. */
    record Decoded(String hrp, byte[] data) {
    }

    /** Encodes in lower case. */
    static String encode(String hrp, byte[] data) {
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        byte[] values = convert(data, 8, 5, true);
        int checksum = polymod(concat(expand(lowerHrp), values, new byte[6])) ^ 1;
        StringBuilder out = new StringBuilder(lowerHrp.length() + 1 + values.length + 6).append(lowerHrp).append('1');
        for (byte value : values) {
            out.append(CHARSET.charAt(value));
        }
        for (int i = 0; i < 6; i++) {
            out.append(CHARSET.charAt((checksum >> (5 * (5 - i))) & 31));
        }
        return out.toString();
    }

    /** Decodes; the returned HRP keeps the input's case. Throws IllegalArgumentException naming what is wrong. */
    static Decoded decode(CharSequence text) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("character out of range");
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new IllegalArgumentException("mixed case");
        }
        int separator = -1;
        for (int i = text.length() - 1; i >= 0; i--) {
            if (text.charAt(i) == '1') {
                separator = i;
                break;
            }
        }
        if (separator < 1 || separator + 7 > text.length()) {
            throw new IllegalArgumentException("separator '1' at invalid position");
        }
        String hrp = text.subSequence(0, separator).toString();
        byte[] values = new byte[text.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            int value = CHARSET.indexOf(Character.toLowerCase(text.charAt(separator + 1 + i)));
            if (value < 0) {
                throw new IllegalArgumentException("invalid character");
            }
            values[i] = (byte) value;
        }
        if (polymod(concat(expand(hrp.toLowerCase(Locale.ROOT)), values, new byte[0])) != 1) {
            throw new IllegalArgumentException("invalid checksum");
        }
        byte[] payload = new byte[values.length - 6];
        System.arraycopy(values, 0, payload, 0, payload.length);
        return new Decoded(hrp, convert(payload, 5, 8, false));
    }

    private static byte[] expand(String hrp) {
        byte[] out = new byte[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            out[i] = (byte) (hrp.charAt(i) >> 5);
            out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
        }
        return out;
    }

    private static int polymod(byte[] values) {
        int check = 1;
        for (byte value : values) {
            int top = check >>> 25;
            check = ((check & 0x1ffffff) << 5) ^ value;
            for (int i = 0; i < 5; i++) {
                if (((top >> i) & 1) != 0) {
                    check ^= GENERATORS[i];
                }
            }
        }
        return check;
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    private static byte[] convert(byte[] data, int from, int to, boolean pad) {
        int accumulator = 0;
        int bits = 0;
        int max = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * from / to + 1);
        for (byte b : data) {
            accumulator = (accumulator << from) | (b & ((1 << from) - 1));
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((accumulator >> bits) & max);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((accumulator << (to - bits)) & max);
            }
        } else if (bits >= from || ((accumulator << (to - bits)) & max) != 0) {
            throw new IllegalArgumentException("invalid padding");
        }
        return out.toByteArray();
    }
}
