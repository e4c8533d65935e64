package dev.secrets.secret;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes new secret values from a {@link SecureRandom}: raw bytes, encoded bytes (hex, base64, base64url, alnum)
 * and passwords drawn from an alphabet.
 *
 * <p>Guarantees: every value carries at least {@value #MIN_BYTES} bytes (128 bits) of entropy unless the caller
 * passes {@code allowWeak}; characters are drawn without modulo bias (rejection sampling); results are
 * {@link SecretBytes} holding the UTF-8 text of the value (or the raw bytes for {@link #bytes(int)}) and no
 * intermediate {@link String} is made. Fails with {@link WeakSecretException} (a programming or playbook error,
 * never containing a value).
 */
public final class SecretGenerator {
    /** Smallest entropy accepted without {@code allowWeak}, in bytes. */
    public static final int MIN_BYTES = 16;
    /** What {@code secrets generate} makes by default, in bytes. */
    public static final int DEFAULT_BYTES = 32;
    /** Largest request accepted, in bytes. */
    public static final int MAX_BYTES = 1024;
    private static final int MAX_LENGTH = 4096;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    /** A generator over a new default {@link SecureRandom}. */
    public SecretGenerator() {
        this(new SecureRandom());
    }

    /** A generator over {@code random} (tests may pass a seeded instance; production code should not). */
    public SecretGenerator(SecureRandom random) {
        this.random = random;
    }

    /** How random bytes are written as text. */
    public enum Encoding {
        /** Lower-case hexadecimal, two characters per byte. */
        HEX("hex"),
        /** Standard base64 (RFC 4648 §4) with padding. */
        BASE64("base64"),
        /** URL-safe base64 (RFC 4648 §5) without padding. */
        BASE64URL("base64url"),
        /** Characters of [A-Za-z0-9], as many as needed to carry the same entropy as the requested bytes. */
        ALNUM("alnum");

        private final String playbookName;

        Encoding(String playbookName) {
            this.playbookName = playbookName;
        }

        /** The name used in playbooks and on the command line. */
        public String playbookName() {
            return playbookName;
        }

        /** The encoding called {@code name} (case-insensitive), or {@code null} when there is none. */
        public static Encoding byName(String name) {
            for (Encoding encoding : values()) {
                if (encoding.playbookName.equalsIgnoreCase(name)) {
                    return encoding;
                }
            }
            return null;
        }

        /** The encoding named {@code name}; fails naming the valid ones. */
        public static Encoding parse(String name) {
            Encoding encoding = byName(name);
            if (encoding == null) {
                throw new IllegalArgumentException("unknown encoding [" + name + "]: use hex, base64, base64url or alnum");
            }
            return encoding;
        }
    }

    /**
     * A password policy: {@code length} characters drawn uniformly from {@code alphabet}. The alphabet is either a
     * preset name ({@link #PRESETS}) or the literal characters to use (printable ASCII, no space, at least two
     * distinct).
     */
    public record PasswordPolicy(int length, String alphabet) {
        /** Named alphabets; a literal alphabet equal to one of these names means the preset. */
        public static final Map<String, String> PRESETS = Map.of(
                "alnum", ALNUM,
                "lower", "abcdefghijklmnopqrstuvwxyz",
                "upper", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "digits", "0123456789",
                "hex", "0123456789abcdef",
                "alnum-symbols", ALNUM + "!#%+,-./:=?@^_~",
                "printable", ALNUM + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

        /** Checks the parts: length 1..4096, alphabet resolvable. */
        public PasswordPolicy {
            if (length < 1 || length > MAX_LENGTH) {
                throw new WeakSecretException("password length " + length + " is outside 1.." + MAX_LENGTH);
            }
            resolve(alphabet);
        }

        /** The distinct characters of the alphabet, in first-seen order. */
        public String characters() {
            return resolve(alphabet);
        }

        /** Bits of entropy a password of this policy carries. */
        public double entropyBits() {
            return length * (Math.log(characters().length()) / Math.log(2));
        }

        private static String resolve(String alphabet) {
            if (alphabet == null || alphabet.isEmpty()) {
                throw new WeakSecretException("password alphabet is empty");
            }
            String preset = PRESETS.get(alphabet.toLowerCase(Locale.ROOT));
            if (preset != null) {
                return preset;
            }
            Set<Character> distinct = new LinkedHashSet<>();
            for (char c : alphabet.toCharArray()) {
                if (c <= ' ' || c > '~') {
                    throw new WeakSecretException("password alphabet may only hold printable ASCII without space"
                            + " (found code " + (int) c + ")");
                }
                distinct.add(c);
            }
            if (distinct.size() < 2) {
                throw new WeakSecretException("password alphabet needs at least 2 distinct characters");
            }
            StringBuilder out = new StringBuilder();
            distinct.forEach(out::append);
            return out.toString();
        }
    }

    /** A requested value would carry too little entropy, or its parameters are out of range. */
    public static final class WeakSecretException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** An exception with a message that names the parameter (never a value). */
        public WeakSecretException(String message) {
            super(message);
        }
    }

    /** {@code n} raw random bytes; {@code n} must be at least {@value #MIN_BYTES}. */
    public SecretBytes bytes(int n) {
        return bytes(n, false);
    }

    /** {@code n} raw random bytes; below {@value #MIN_BYTES} only with {@code allowWeak}. */
    public SecretBytes bytes(int n, boolean allowWeak) {
        checkBytes(n, allowWeak);
        byte[] out = new byte[n];
        random.nextBytes(out);
        return SecretBytes.adopt(out);
    }

    /**
     * A value carrying {@code n} random bytes of entropy written with {@code encoding}, as UTF-8 text. For
     * {@link Encoding#ALNUM} the text has {@code ceil(8n / log2 62)} characters.
     */
    public SecretBytes generate(int n, Encoding encoding, boolean allowWeak) {
        checkBytes(n, allowWeak);
        if (encoding == Encoding.ALNUM) {
            int length = (int) Math.ceil(n * 8 / (Math.log(ALNUM.length()) / Math.log(2)));
            return draw(length, ALNUM);
        }
        byte[] raw = new byte[n];
        random.nextBytes(raw);
        try {
            return SecretBytes.adopt(encode(raw, encoding));
        } finally {
            SecretBytes.wipe(raw);
        }
    }

    /** A password following {@code policy}; fails when it carries under 128 bits unless {@code allowWeak}. */
    public SecretBytes password(PasswordPolicy policy, boolean allowWeak) {
        if (!allowWeak && policy.entropyBits() < MIN_BYTES * 8) {
            throw new WeakSecretException(String.format(Locale.ROOT,
                    "password policy (length %d over %d characters) carries %.0f bits, below %d; make it longer"
                            + " or allow weak values explicitly",
                    policy.length(), policy.characters().length(), policy.entropyBits(), MIN_BYTES * 8));
        }
        return draw(policy.length(), policy.characters());
    }

    /** Writes {@code raw} with {@code encoding} ({@link Encoding#ALNUM} is not a byte encoding and is refused). */
    public static byte[] encode(byte[] raw, Encoding encoding) {
        switch (encoding) {
            case HEX: {
                byte[] out = new byte[raw.length * 2];
                for (int i = 0; i < raw.length; i++) {
                    out[2 * i] = HEX[(raw[i] >> 4) & 0xf];
                    out[2 * i + 1] = HEX[raw[i] & 0xf];
                }
                return out;
            }
            case BASE64:
                return Base64.getEncoder().encode(raw);
            case BASE64URL:
                return Base64.getUrlEncoder().withoutPadding().encode(raw);
            default:
                throw new IllegalArgumentException("[" + encoding.playbookName() + "] does not encode bytes");
        }
    }

    private SecretBytes draw(int length, String alphabet) {
        int size = alphabet.length();
        // Largest multiple of size that fits in a byte: values at or above it are rejected, so no bias.
        int limit = 256 - (256 % size);
        byte[] out = new byte[length];
        byte[] buffer = new byte[Math.max(16, length + length / 2)];
        int filled = 0;
        try {
            while (filled < length) {
                random.nextBytes(buffer);
                for (int i = 0; i < buffer.length && filled < length; i++) {
                    int v = buffer[i] & 0xff;
                    if (v < limit) {
                        out[filled++] = (byte) alphabet.charAt(v % size);
                    }
                }
            }
        } finally {
            SecretBytes.wipe(buffer);
        }
        return SecretBytes.adopt(out);
    }

    private static void checkBytes(int n, boolean allowWeak) {
        if (n < 1 || n > MAX_BYTES) {
            throw new WeakSecretException("byte count " + n + " is outside 1.." + MAX_BYTES);
        }
        if (n < MIN_BYTES && !allowWeak) {
            throw new WeakSecretException("byte count " + n + " is below the minimum of " + MIN_BYTES
                    + " (128 bits); ask for more bytes or allow weak values explicitly");
        }
    }
}
