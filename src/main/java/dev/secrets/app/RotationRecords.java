package dev.secrets.app;

import dev.secrets.audit.RotationRecord;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The rotation record beside an encrypted file ({@code .FILE.rotations}, see {@link RotationRecord}): read by
 * {@code status} and {@code doctor}, written after each credential a rotation commits.
 */
public final class RotationRecords {
    private RotationRecords() {
    }

    /** Where the record of {@code file} lives. */
    public static Path of(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".rotations");
    }

    /** The record of {@code file}; empty when there is none; fails when it is malformed. */
    static Optional<RotationRecord> read(Path file) throws RotationRecord.MalformedException, FileAccessException {
        Path record = of(file);
        if (!Files.exists(record)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RotationRecord.parse(BoundedFiles.read(record, BoundedFiles.MAX_SMALL_FILE),
                    record.toString()));
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, record, e.getMessage(), e);
        }
    }

    /**
     * Notes that {@code keys} of {@code file} changed at {@code when}, in one read and one write. Best effort: the
     * values are already committed when this runs, so a record that cannot be written must not undo or fail the
     * rotation; the age then falls back to the file's git history.
     */
    static void changed(Path file, Collection<String> keys, Instant when) {
        try {
            RotationRecord record = read(file).orElse(RotationRecord.empty());
            Instant at = when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            for (String key : keys) {
                try {
                    record = record.with(key, at);
                } catch (IllegalArgumentException e) {
                    // A path such as ["db"]["password"] is no record key: the others are still noted.
                }
            }
            AtomicFiles.write(of(file), record.emit(), null);
        } catch (IOException | RotationRecord.MalformedException | FileAccessException | RuntimeException e) {
            // See above: advisory metadata only.
        }
    }
}
