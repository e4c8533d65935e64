package dev.secrets.audit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which keys hold credentials, judged by name (the naming habits of the deployment guides: {@code *_PASSWORD},
 * {@code *_SECRET}, {@code *_TOKEN}, {@code *_API_KEY}, ...), and where a URL value embeds a password.
 */
public final class CredentialKeys {
    private static final List<String> MARKERS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY",
            "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL", "SIGNING_KEY", "ENCRYPTION_KEY");
    private static final List<String> SUFFIXES = List.of("_PASS", "_PWD", "_KEY", "_SALT", "_PEPPER");
    private static final List<String> NOT_SECRET = List.of("_ID", "_FILE", "_PATH", "_URL", "_URI", "_HOST",
            "_PORT", "_USER", "_USERNAME", "_NAME", "_EXPIRY", "_TTL", "_LIFETIME", "_ALGORITHM", "_UNENCRYPTED",
            "_PUBLIC_KEY", "_HEADER");

    private CredentialKeys() {
    }

    /** What kind of credential a key holds, which decides how long its value must be. */
    public enum Kind {
        /** A password a person or service types or sends ({@code *_PASSWORD}, {@code *_PASS}). */
        PASSWORD,
        /** A signing or encryption secret, token or API key. */
        KEY
    }

    /** The kind of credential {@code key} holds by its name, or empty when it does not look like one. */
    public static Optional<Kind> kind(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        if (NOT_SECRET.stream().anyMatch(upper::endsWith)) {
            return Optional.empty();
        }
        if (upper.contains("PASSWORD") || upper.contains("PASSWD") || upper.endsWith("_PASS")
                || upper.endsWith("_PWD") || upper.equals("PASSWORD")) {
            return Optional.of(Kind.PASSWORD);
        }
        if (MARKERS.stream().anyMatch(upper::contains) || SUFFIXES.stream().anyMatch(upper::endsWith)) {
            return Optional.of(Kind.KEY);
        }
        return Optional.empty();
    }

    /** True when {@code key} looks like it holds a credential. */
    public static boolean looksLikeCredential(String key) {
        return kind(key).isPresent();
    }

    /**
     * Where the password of a URL with credentials ({@code scheme://user:password@host/...}) lies in
     * {@code value}: {@code {start, end}}, or null when there is none. Reads only the bytes.
     */
    public static int[] urlPassword(byte[] value) {
        int scheme = indexOf(value, 0);
        if (scheme < 1) {
            return null;
        }
        for (int i = 0; i < scheme; i++) {
            int b = value[i];
            boolean ok = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || i > 0 && (b >= '0' && b <= '9' || b == '+'
                    || b == '-' || b == '.');
            if (!ok) {
                return null;
            }
        }
        int start = scheme + 3;
        int end = start;
        while (end < value.length && value[end] != '/' && value[end] != '?' && value[end] != '#') {
            end++;
        }
        int at = -1;
        for (int i = end - 1; i >= start; i--) {
            if (value[i] == '@') {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return null;
        }
        for (int i = start; i < at; i++) {
            if (value[i] == ':') {
                return i + 1 < at ? new int[] {i + 1, at} : null;
            }
        }
        return null;
    }

    /** The position of the first {@code ://} at or after {@code from}, or -1. */
    private static int indexOf(byte[] value, int from) {
        for (int i = from; i + 2 < value.length; i++) {
            if (value[i] == ':' && value[i + 1] == '/' && value[i + 2] == '/') {
                return i;
            }
        }
        return -1;
    }
}
