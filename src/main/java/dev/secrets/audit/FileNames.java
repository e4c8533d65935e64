package dev.secrets.audit;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a file in the work tree is, by its name and first bytes: a plaintext dotenv file, an encrypted (sops)
 * file, a file this tool leaves behind (backups, rejected edits, rotation journals, locks), or one holding a
 * private key.
 */
public final class FileNames {
    private static final Pattern DOTENV = Pattern.compile("(^|.*/)(\\.env|\\.env\\.[^/]+|[^/]+\\.env)$");
    private static final Pattern EXAMPLE = Pattern.compile("(?i).*[.](example|sample|template|dist|defaults?)$");
    private static final Pattern BACKUP = Pattern.compile(".*\\.backup-\\d{8}T\\d{6}Z(-\\d+)?$");
    private static final Pattern REJECTED = Pattern.compile(".*\\.rejected-[^/]*\\.age$");
    private static final Pattern JOURNAL = Pattern.compile("(^|.*/)\\.[^/]+\\.(rotation-journal|lock)$");
    private static final byte[][] KEY_MARKERS = {"AGE-SECRET-KEY-1".getBytes(StandardCharsets.US_ASCII),
        "AGE-SECRET-KEY-PQ-1".getBytes(StandardCharsets.US_ASCII),
        "-----BEGIN OPENSSH PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII)};

    private FileNames() {
    }

    /** True when {@code path} is named like a dotenv file ({@code .env}, {@code .env.*}, {@code *.env}) and is not an example. */
    public static boolean isDotenvName(String path) {
        return DOTENV.matcher(path).matches() && !EXAMPLE.matcher(path).matches();
    }

    /** True when {@code content} is a sops-encrypted dotenv file (has the {@code sops_version} metadata). */
    public static boolean isSopsDotenv(byte[] content) {
        return indexOf(content, "sops_version=".getBytes(StandardCharsets.US_ASCII)) >= 0
                && indexOf(content, "sops_mac=".getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    /** What kind of leftover {@code path} is (backup, rejected edit, journal or lock), or empty. */
    public static Optional<String> leftover(String path) {
        if (BACKUP.matcher(path).matches()) {
            return Optional.of("a rotation backup");
        }
        if (REJECTED.matcher(path).matches()) {
            return Optional.of("a rejected edit");
        }
        if (JOURNAL.matcher(path).matches()) {
            return Optional.of(path.endsWith(".lock") ? "a lock file" : "a rotation journal");
        }
        return Optional.empty();
    }

    /** True when {@code content} holds an age or OpenSSH private key. */
    public static boolean holdsPrivateKey(byte[] content) {
        for (byte[] marker : KEY_MARKERS) {
            if (indexOf(content, marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
