package dev.secrets.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The byte strings a value takes when it is written down as itself, base64 (standard and URL alphabets, at any
 * of the three alignments inside a longer encoded text) or URL-encoded. The caller wipes the arrays.
 */
public final class EncodedForms {
    /** Encoded forms shorter than this are left out: they would match by chance. */
    static final int MIN_FORM = 8;

    private EncodedForms() {
    }

    /**
     * One way a value may appear.
     *
     * @param encoding {@code plain}, {@code base64} or {@code url}
     * @param bytes the bytes to look for
     */
    public record Form(String encoding, byte[] bytes) {
    }

    /** Every distinct form of {@code value} at least {@link #MIN_FORM} bytes long, the plain one first. */
    public static List<Form> of(byte[] value) {
        List<Form> forms = new ArrayList<>();
        add(forms, "plain", value.clone());
        for (int shift = 0; shift < 3; shift++) {
            byte[] padded = new byte[shift + value.length];
            System.arraycopy(value, 0, padded, shift, value.length);
            add(forms, "base64", inner(Base64.getEncoder().withoutPadding().encode(padded), shift, value.length));
            add(forms, "base64", inner(Base64.getUrlEncoder().withoutPadding().encode(padded), shift, value.length));
            Arrays.fill(padded, (byte) 0);
        }
        add(forms, "url", percentEncoded(value, true, false));
        add(forms, "url", percentEncoded(value, false, false));
        add(forms, "url", percentEncoded(value, true, true));
        return forms;
    }

    /** The characters of a base64 text that depend only on the value's bytes, not on what surrounds them. */
    private static byte[] inner(byte[] encoded, int shift, int length) {
        int first = (8 * shift + 5) / 6;
        int end = (8 * (shift + length)) / 6;
        byte[] out = end > first ? Arrays.copyOfRange(encoded, first, end) : new byte[0];
        Arrays.fill(encoded, (byte) 0);
        return out;
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters; {@code plus} writes spaces as '+'. */
    static byte[] percentEncoded(byte[] value, boolean upper, boolean plus) {
        byte[] hex = (upper ? "0123456789ABCDEF" : "0123456789abcdef").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[value.length * 3];
        int n = 0;
        for (byte v : value) {
            int b = v & 0xff;
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '.'
                    || b == '_' || b == '~') {
                out[n++] = v;
            } else if (plus && b == ' ') {
                out[n++] = '+';
            } else {
                out[n++] = '%';
                out[n++] = hex[b >> 4];
                out[n++] = hex[b & 15];
            }
        }
        byte[] result = Arrays.copyOf(out, n);
        Arrays.fill(out, (byte) 0);
        return result;
    }

    private static void add(List<Form> forms, String encoding, byte[] bytes) {
        if (bytes.length < MIN_FORM || forms.stream().anyMatch(f -> Arrays.equals(f.bytes(), bytes))) {
            Arrays.fill(bytes, (byte) 0);
            return;
        }
        forms.add(new Form(encoding, bytes));
    }
}
