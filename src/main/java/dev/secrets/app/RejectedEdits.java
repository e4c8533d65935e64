package dev.secrets.app;

import dev.secrets.age.AgeFiles;
import dev.secrets.io.AtomicFiles;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Saves text that could not be applied to an encrypted file, encrypted (ASCII-armored age) to the file's
 * recipients, beside it as {@code FILE.rejected-<UTC time>.age}. Never overwrites; never writes plaintext.
 * Read it back with {@code age -d -i KEYS FILE.rejected-...age} or {@code secrets edit FILE --from ...}.
 */
final class RejectedEdits {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RejectedEdits() {
    }

    /** Encrypts {@code text} to {@code recipients} and writes it beside {@code file}; returns the new path. */
    static Path save(Path file, byte[] text, List<String> recipients, Instant now)
            throws KeyException, FileAccessException {
        byte[] encrypted;
        SecretBytes secret = SecretBytes.copyOf(text);
        try {
            encrypted = AgeFiles.encrypt(secret, recipients, true);
        } finally {
            secret.destroy();
        }
        String base = file.getFileName() + ".rejected-" + STAMP.format(now);
        for (int n = 1; n < 100; n++) {
            Path target = file.resolveSibling(base + (n == 1 ? "" : "-" + n) + ".age");
            try {
                AtomicFiles.createNew(target, encrypted);
                return target;
            } catch (FileAlreadyExistsException e) {
                // Another rejected edit in the same second: try the next name.
            } catch (IOException e) {
                throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target,
                        "cannot save the rejected edit: " + e.getMessage(), e);
            }
        }
        throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, file.resolveSibling(base + ".age"),
                "too many rejected edits in one second", null);
    }
}
