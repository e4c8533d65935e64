package dev.secrets.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Atomic file replacement: the content is written to a temporary file in the target's folder, created with
 * owner-only permissions, forced to disk, then renamed over the target with {@code ATOMIC_MOVE}, and the folder
 * is forced too. A reader sees the old file or the new one, never a mix; on any failure the temporary file is
 * removed and the target is untouched. A target that is a symbolic link to a file is written through.
 */
public final class AtomicFiles {
    /** Owner read/write only. */
    public static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} with {@code content}.
     *
     * @param mode the permissions of the result; null keeps an existing file's permissions, else owner-only
     * @throws NotRegularFileException when {@code target} (or what a link there points to) exists and is not a
     *     regular file: a device such as {@code /dev/null}, a pipe or a folder is never replaced
     * @throws IOException when anything fails; the target is then unchanged
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path absolute = writtenPath(target);
        Path folder = absolute.getParent();
        // The rename below would swap a device node for a regular file (with the device's 0666 mode, if kept).
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new NotRegularFileException(absolute);
        }
        Set<PosixFilePermission> permissions = mode != null ? mode : existingPermissions(absolute);
        Path temp = folder.resolve("." + absolute.getFileName() + ".tmp-" + HexFormat.of().formatHex(randomBytes()));
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OWNER_RW))) {
                // Held until the channel closes, after the rename: tells removeAbandonedTemps the writer is alive.
                channel.lock();
                writeFully(channel, content);
                channel.force(true);
                if (!permissions.equals(OWNER_RW)) {
                    Files.setPosixFilePermissions(temp, permissions);
                }
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("cannot replace [" + absolute + "] atomically on this file system", e);
                }
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The file {@link #write} replaces for {@code target}: a symbolic link to an existing file is written through
     * (as sops and editors do), so the file it points to is replaced and the link stays; anything else as given.
     */
    public static Path writtenPath(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute) && Files.exists(absolute)) {
            return absolute.toRealPath();
        }
        return absolute;
    }

    /**
     * Creates {@code target} with {@code content} only when nothing is there yet (owner-only permissions).
     * The file appears complete or not at all.
     *
     * @throws FileAlreadyExistsException when the target exists; nothing is written
     */
    public static void createNew(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(absolute.toString());
        }
        Path folder = absolute.getParent();
        Path temp = folder.resolve("." + absolute.getFileName() + ".tmp-" + HexFormat.of().formatHex(randomBytes()));
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OWNER_RW))) {
                writeFully(channel, content);
                channel.force(true);
            }
            // A hard link fails when the target exists, unlike a rename, so a concurrent creator is never overwritten.
            Files.createLink(absolute, temp);
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes all of {@code content} (a single write may be short, e.g. on a nearly full disk). */
    public static void writeFully(FileChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Deletes the temporary files that {@link #write} calls for {@code target} left behind when their process was
     * killed ({@code kill -9}, power loss): hidden files {@code .NAME.tmp-<12 hex digits>} beside the target that
     * no live writer holds locked. Temporary files of writes still in progress, and files this process may not
     * open or delete, are left alone.
     *
     * @return how many files were removed
     * @throws IOException when the folder cannot be listed
     */
    public static int removeAbandonedTemps(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        String prefix = "." + absolute.getFileName() + ".tmp-";
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9a-f]{12}");
        })) {
            for (Path temp : temps) {
                if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS) && isAbandoned(temp)) {
                    try {
                        Files.deleteIfExists(temp);
                        removed++;
                    } catch (IOException notOurs) {
                        // Best effort: a file we may not delete is left for its owner.
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return removed;
    }

    /** True when no process holds the lock {@link #write} takes on its temporary file. */
    private static boolean isAbandoned(Path temp) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException sameJvmWriter) {
            return false;
        } catch (IOException gone) {
            return false;
        }
    }

    private static Set<PosixFilePermission> existingPermissions(Path target) throws IOException {
        try {
            return Files.getPosixFilePermissions(target);
        } catch (NoSuchFileException e) {
            return OWNER_RW;
        }
    }

    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot open a folder for sync; the rename itself already happened.
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The target exists but is a folder, device, pipe or socket, which {@link #write} never replaces. */
    public static final class NotRegularFileException extends IOException {
        private static final long serialVersionUID = 1L;

        NotRegularFileException(Path path) {
            super("[" + path + "] is not a regular file (a folder, device or pipe)");
        }
    }
}
