package dev.secrets.secret;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets from the JDK's {@link SecureRandom}: raw bytes, and their text encodings. Every encoding is
 * unbiased: hex and base64 map bits one to one, and alphanumeric text is drawn by rejection sampling (a byte
 * is used only when it is below 248 = 4 * 62, so each of the 62 characters is exactly equally likely).
 *
 * <p>Strength is counted in random bytes: {@link #MIN_BYTES} (128 bits) is the least {@link #generate} accepts
 * unless weak secrets are allowed explicitly.
 */
public final class SecretGenerator {
    /** The fewest random bytes a secret may have without {@code allowWeak} (128 bits). */
    public static final int MIN_BYTES = 16;
    /** The default strength: 32 bytes (256 bits), as {@code openssl rand -base64 32}. */
    public static final int DEFAULT_BYTES = 32;
    /** The most random bytes one secret may have (keeps output bounded). */
    public static final int MAX_BYTES = 1 << 16;
    private static final byte[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int ALNUM_LIMIT = 248;
    private static final double BITS_PER_ALNUM = Math.log(62) / Math.log(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How random bytes are written as text. */
    public enum Encoding {
        /** Lower-case hexadecimal, 2 characters per byte. */
        HEX,
        /** Standard base64 with padding (RFC 4648 section 4). */
        BASE64,
        /** URL- and file-name-safe base64 without padding (RFC 4648 section 5). */
        BASE64URL,
        /** Letters and digits only, {@code [A-Za-z0-9]}, about 5.95 bits per character. */
        ALNUM;

        /** The encoding named {@code name} (case-insensitive: hex, base64, base64url, alnum). */
        public static Encoding parse(String name) {
            for (Encoding e : values()) {
                if (e.name().equalsIgnoreCase(name)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown encoding [" + name + "]: use hex, base64, base64url or alnum");
        }
    }

    /** Thrown when a secret would be weaker than {@link #MIN_BYTES} without permission, or absurdly long. */
    public static final class WeakSecretException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        WeakSecretException(String message) {
            super(message);
        }
    }

    private SecretGenerator() {
    }

    /** {@code n} random bytes (no minimum: callers that need one use {@link #generate}). */
    public static byte[] bytes(int n) {
        if (n < 0 || n > MAX_BYTES) {
            throw new IllegalArgumentException("byte count " + n + " is outside 0.." + MAX_BYTES);
        }
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    /**
     * Encodes {@code bytes} as text. For {@link Encoding#ALNUM} each byte below 248 becomes one character and
     * the others are skipped, so the text may be shorter than the input; use {@link #alnum(int)} or
     * {@link #generate} for a fixed length.
     */
    public static String encode(byte[] bytes, Encoding encoding) {
        switch (encoding) {
            case HEX:
                return HexFormat.of().formatHex(bytes);
            case BASE64:
                return Base64.getEncoder().encodeToString(bytes);
            case BASE64URL:
                return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            default:
                StringBuilder out = new StringBuilder(bytes.length);
                for (byte b : bytes) {
                    int v = b & 0xff;
                    if (v < ALNUM_LIMIT) {
                        out.append((char) ALNUM[v % 62]);
                    }
                }
                return out.toString();
        }
    }

    /** {@code length} random characters from {@code [A-Za-z0-9]}, each uniform (rejection sampling). */
    public static String alnum(int length) {
        if (length < 0 || length > 2 * MAX_BYTES) {
            throw new IllegalArgumentException("length " + length + " is outside 0.." + 2 * MAX_BYTES);
        }
        char[] out = new char[length];
        byte[] pool = new byte[Math.max(16, length + length / 8 + 8)];
        int filled = 0;
        while (filled < length) {
            RANDOM.nextBytes(pool);
            for (int i = 0; i < pool.length && filled < length; i++) {
                int v = pool[i] & 0xff;
                if (v < ALNUM_LIMIT) {
                    out[filled++] = (char) ALNUM[v % 62];
                }
            }
        }
        SecretBytes.wipe(pool);
        String text = new String(out);
        SecretBytes.wipe(out);
        return text;
    }

    /** How many alphanumeric characters carry at least the entropy of {@code bytes} random bytes. */
    public static int alnumLengthFor(int bytes) {
        return (int) Math.ceil(bytes * 8 / BITS_PER_ALNUM);
    }

    /**
     * A new secret of {@code bytes} random bytes written in {@code encoding} (ASCII). For {@link Encoding#ALNUM}
     * the text has {@link #alnumLengthFor(int)} characters: the same strength as the bytes (32 bytes: 43 chars).
     *
     * @throws WeakSecretException when {@code bytes} is below {@link #MIN_BYTES} and {@code allowWeak} is false,
     *     or above {@link #MAX_BYTES}
     */
    public static SecretBytes generate(int bytes, Encoding encoding, boolean allowWeak) {
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw new WeakSecretException("byte count " + bytes + " is outside 1.." + MAX_BYTES);
        }
        if (bytes < MIN_BYTES && !allowWeak) {
            throw new WeakSecretException(bytes + " random bytes (" + bytes * 8 + " bits) is weaker than the minimum of "
                    + MIN_BYTES + " bytes (128 bits); allow it explicitly if you must");
        }
        if (encoding == Encoding.ALNUM) {
            return SecretBytes.ofUtf8(alnum(alnumLengthFor(bytes)));
        }
        byte[] raw = bytes(bytes);
        try {
            return SecretBytes.ofUtf8(encode(raw, encoding));
        } finally {
            SecretBytes.wipe(raw);
        }
    }
}
