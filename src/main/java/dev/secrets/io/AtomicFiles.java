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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
    private static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern.compile(
            "\\..+\\.tmp-[0-9a-f]{12}");

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
                CrashPoint.reach("write.temp-written");
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("cannot replace [" + absolute + "] atomically on this file system", e);
                }
                CrashPoint.reach("write.renamed");
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
                // As in write: the lock tells removeAbandonedTemps that this temporary file's writer is alive.
                channel.lock();
                writeFully(channel, content);
                channel.force(true);
                CrashPoint.reach("create.temp-written");
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
        return remove(abandonedTemps(absolute.getParent(), "." + absolute.getFileName() + ".tmp-"));
    }

    /**
     * As {@link #removeAbandonedTemps}, for the abandoned temporary files of every file in {@code folder}.
     *
     * @return the abandoned files that could not be deleted (left for {@code doctor} to report)
     */
    public static List<Path> removeAbandonedTempsIn(Path folder) throws IOException {
        List<Path> left = new ArrayList<>();
        for (Path temp : abandonedTemps(folder, ".")) {
            if (remove(List.of(temp)) == 0) {
                left.add(temp);
            }
        }
        return left;
    }

    /**
     * The abandoned temporary files ({@code .NAME.tmp-<12 hex digits>}, not locked by a live writer) in
     * {@code folder} whose name starts with {@code prefix}; nothing is deleted. A missing folder has none.
     */
    public static List<Path> abandonedTemps(Path folder, String prefix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(prefix) && TEMP_NAME.matcher(name).matches();
        })) {
            for (Path temp : temps) {
                if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS) && isUnlocked(temp)) {
                    found.add(temp);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        found.sort(null);
        return found;
    }

    private static int remove(List<Path> temps) {
        int removed = 0;
        for (Path temp : temps) {
            try {
                Files.deleteIfExists(temp);
                removed++;
            } catch (IOException notOurs) {
                // Best effort: a file we may not delete is left for its owner.
            }
        }
        return removed;
    }

    /**
     * True when no process holds the lock {@link #write} takes on its temporary file (or {@link PrivateTempDir}
     * on its lock file). Never call it on a file this process may hold locked: closing the probe would drop it.
     */
    static boolean isUnlocked(Path temp) {
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
