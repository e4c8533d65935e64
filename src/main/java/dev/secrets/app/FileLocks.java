package dev.secrets.app;

import dev.secrets.io.AtomicFiles;
import dev.secrets.io.LockFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The lock {@code .FILE.lock} beside an encrypted file, held by every command that rewrites it (edit, set, unset,
 * rotate, updatekeys), so two of them never interleave.
 */
final class FileLocks {
    private FileLocks() {
    }

    /** The lock file of {@code file}. */
    static Path lockPathOf(Path file) {
        Path real = file;
        try {
            // Beside the file a link points to, so every name of one file shares one lock.
            real = AtomicFiles.writtenPath(file);
        } catch (IOException unresolvable) {
            // The link vanished meanwhile: lock by the given name; the read that follows reports the file.
        }
        return real.resolveSibling("." + real.getFileName() + ".lock");
    }

    /** Takes the lock of {@code file} or explains who holds it. */
    static LockFile acquire(Path file, String source, Clock clock) throws EditException, FileAccessException {
        Path lockPath = lockPathOf(file);
        try {
            return LockFile.acquire(lockPath, clock.instant());
        } catch (LockFile.HeldException e) {
            throw new EditException(EditException.Kind.LOCKED, "[" + source + "] is in use by "
                    + e.holder().describe() + " (lock [" + lockPath + "]); try again when it is done, or "
                    + "delete the lock file if that process is gone", null, e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, lockPath,
                    "cannot create the lock file: " + e.getMessage(), e);
        }
    }
}
