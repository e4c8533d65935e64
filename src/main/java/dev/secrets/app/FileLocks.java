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
            real = AtomicFiles.throughLinks(file);
        } catch (IOException e) {
            // A dangling link: lock beside the link; the read that follows reports the missing file.
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
