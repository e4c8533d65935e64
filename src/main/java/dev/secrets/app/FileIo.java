package dev.secrets.app;

import dev.secrets.io.AtomicFiles;
import dev.secrets.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** File reads and writes of the use cases, with failures turned into {@link FileAccessException}. */
final class FileIo {
    private FileIo() {
    }

    static byte[] read(Path path) throws FileAccessException {
        if (Files.isDirectory(path)) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, path, "it is a folder", null);
        }
        removeAbandonedTemps(path);
        try {
            return BoundedFiles.read(path, BoundedFiles.MAX_SECRETS_FILE);
        } catch (NoSuchFileException e) {
            throw new FileAccessException(FileAccessException.Kind.NOT_FOUND, path, null, e);
        } catch (AccessDeniedException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, path, "permission denied", e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, path, e.getMessage(), e);
        }
    }

    /**
     * Atomically replaces {@code path}; {@code mode} null keeps an existing file's mode (new files: 0600). Refuses
     * content over the read limit before writing anything: a file no command could open again is never made.
     */
    static void write(Path path, byte[] content, Set<PosixFilePermission> mode) throws FileAccessException {
        checkSize(path, content);
        removeAbandonedTemps(path);
        try {
            AtomicFiles.write(path, content, mode);
        } catch (AccessDeniedException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, path, "permission denied", e);
        } catch (AtomicFiles.NotRegularFileException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, path,
                    "it is not a regular file (a folder, device or pipe)", e);
        } catch (NoSuchFileException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, path, "the folder does not exist", e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, path, e.getMessage(), e);
        }
    }

    /** A killed earlier write of {@code path} left its temporary copy: the next read or write of it cleans it. */
    private static void removeAbandonedTemps(Path path) {
        try {
            AtomicFiles.removeAbandonedTemps(path);
        } catch (IOException | RuntimeException e) {
            // best effort: the read or write reports a folder it cannot use
        }
    }

    /** The one size limit: what every command reads ({@link BoundedFiles#MAX_SECRETS_FILE}) is what may be written. */
    static void checkSize(Path path, byte[] content) throws FileAccessException {
        if (content.length > BoundedFiles.MAX_SECRETS_FILE) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, path, "the result would be "
                    + content.length / (1024 * 1024) + " MiB, over the " + BoundedFiles.MAX_SECRETS_FILE / (1024 * 1024)
                    + " MiB that secrets reads; nothing was written", null);
        }
    }

    /**
     * True when {@code a} and {@code b} are the same file however they are reached (symbolic links in the folders
     * or the name, hard links, {@code ..}); false when either does not exist.
     */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code path} still holds exactly {@code expected} (what was read when the command began). */
    static boolean unchanged(Path path, byte[] expected) throws FileAccessException {
        return java.util.Arrays.equals(read(path), expected);
    }

    /**
     * Atomically replaces {@code path} (mode kept) with {@code content}, unless it no longer holds {@code expected}:
     * another writer's change is never overwritten.
     *
     * @throws EditException of kind {@code CHANGED_ON_DISK} when the file changed; nothing is written
     */
    static void replaceIfUnchanged(Path path, byte[] expected, byte[] content, String source)
            throws FileAccessException, EditException {
        if (!unchanged(path, expected)) {
            throw new EditException(EditException.Kind.CHANGED_ON_DISK, "[" + source + "] changed on disk while "
                    + "secrets was working on it; nothing was written, run the command again", null, null);
        }
        write(path, content, null);
    }
}
