package dev.secrets.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Judges whether a credential's value is weak: a placeholder left in ({@code changeme}, the key's own name), on
 * the shipped common-password list, shorter than its kind needs, or of low entropy. Works on the bytes only;
 * the lower-cased copies it makes are wiped.
 */
public final class WeakSecrets {
    /** Passwords shorter than this are flagged ({@code openssl rand -base64 12} prints 16 characters). */
    public static final int MIN_PASSWORD = 16;
    /** Keys, tokens and signing secrets shorter than this are flagged ({@code secrets.token_hex(16)} is 32). */
    public static final int MIN_KEY = 32;
    /** Values whose Shannon entropy, summed over the characters, is below this many bits are flagged. */
    public static final double MIN_BITS = 48;
    private static final List<String> PLACEHOLDER_WORDS = List.of("changeme", "change_me", "change-me", "changeit",
            "replaceme", "replace_me", "replace-me", "placeholder", "example", "your_", "your-", "yourpassword",
            "insert", "todo", "fixme", "dummy", "sample", "notsecret", "not-a-secret", "xxxxxx");
    private static final Set<ByteBuffer> COMMON = load();

    private WeakSecrets() {
    }

    /** Why a value is weak. */
    public enum Reason {
        /** A placeholder such as {@code changeme} or the key's own name. */
        PLACEHOLDER("is a placeholder"),
        /** On the common-password list. */
        COMMON_PASSWORD("is on the common-password list"),
        /** Shorter than its kind needs. */
        TOO_SHORT("is too short"),
        /** Few distinct characters, repeated. */
        LOW_ENTROPY("has low entropy");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The words for a message ("is too short"). */
        public String text() {
            return text;
        }
    }

    /** Why {@code value} of {@code key} (a credential of {@code kind}) is weak, or empty when it is not. */
    public static Optional<Reason> judge(String key, CredentialKeys.Kind kind, byte[] value) {
        byte[] lower = lowerAscii(value);
        try {
            if (isPlaceholder(key, lower)) {
                return Optional.of(Reason.PLACEHOLDER);
            }
            if (COMMON.contains(ByteBuffer.wrap(lower))) {
                return Optional.of(Reason.COMMON_PASSWORD);
            }
            int min = kind == CredentialKeys.Kind.PASSWORD ? MIN_PASSWORD : MIN_KEY;
            if (value.length < min) {
                return Optional.of(Reason.TOO_SHORT);
            }
            if (shannonBits(value) < MIN_BITS) {
                return Optional.of(Reason.LOW_ENTROPY);
            }
            return Optional.empty();
        } finally {
            Arrays.fill(lower, (byte) 0);
        }
    }

    /** The value's empirical Shannon entropy in bits: per-byte entropy of its byte histogram times its length. */
    public static double shannonBits(byte[] value) {
        if (value.length == 0) {
            return 0;
        }
        int[] counts = new int[256];
        for (byte b : value) {
            counts[b & 0xff]++;
        }
        double perByte = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / value.length;
                perByte -= p * (Math.log(p) / Math.log(2));
            }
        }
        Arrays.fill(counts, 0);
        return perByte * value.length;
    }

    private static boolean isPlaceholder(String key, byte[] lower) {
        if (lower.length == 0) {
            return true;
        }
        String keyLower = key.toLowerCase(Locale.ROOT);
        if (Arrays.equals(lower, keyLower.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        for (String word : PLACEHOLDER_WORDS) {
            if (contains(lower, word.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        if (lower[0] == '<' && lower[lower.length - 1] == '>'
                || lower.length > 2 && lower[0] == '$' && lower[1] == '{' && lower[lower.length - 1] == '}') {
            return true;
        }
        boolean same = true;
        for (byte b : lower) {
            same &= b == lower[0];
        }
        return same;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return FileNames.indexOf(haystack, needle) >= 0;
    }

    private static byte[] lowerAscii(byte[] value) {
        byte[] out = value.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] = (byte) (out[i] + 32);
            }
        }
        return out;
    }

    private static Set<ByteBuffer> load() {
        Set<ByteBuffer> set = new HashSet<>();
        try (InputStream in = WeakSecrets.class.getResourceAsStream("common-passwords.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    set.add(ByteBuffer.wrap(line.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(set);
    }
}
