package dev.secrets.app;

import dev.secrets.io.LockFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** The lock {@code .FILE.lock} beside a file, held while it is edited or rewritten. */
final class EditLocks {
    private EditLocks() {
    }

    /** The lock file of {@code file}. */
    static Path lockPathOf(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".lock");
    }

    /** Takes the lock of {@code file} or explains who holds it. */
    static LockFile acquire(Path file, String source, Clock clock) throws EditException, FileAccessException {
        Path lockPath = lockPathOf(file);
        try {
            return LockFile.acquire(lockPath, clock.instant());
        } catch (LockFile.HeldException e) {
            throw new EditException(EditException.Kind.LOCKED, "[" + source + "] is being edited by "
                    + e.holder().describe() + " (lock [" + lockPath + "]); try again when that edit is done, or "
                    + "delete the lock file if that process is gone", null, e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, lockPath,
                    "cannot create the lock file: " + e.getMessage(), e);
        }
    }
}
