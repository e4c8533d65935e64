package dev.secrets.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;

/**
 * The file {@code render --out PATH} writes, with its outcomes:
 * <ul>
 *   <li>{@link #write}: the content replaces PATH atomically (see {@link AtomicFiles#write}): readers see the
 *   old file or the new one; on any failure the old file is byte-identical and no temporary file is left. The
 *   result has mode 0600 unless a mode is given, and belongs to the calling user (it is a new file renamed into
 *   place, never an old file rewritten).</li>
 *   <li>{@link #check}: compares PATH with the content without writing anything.</li>
 * </ul>
 * A write killed with {@code kill -9} leaves PATH old or new, never partial, and at most a hidden owner-only
 * temporary file {@code .NAME.tmp-XXXXXXXXXXXX} beside it; the next {@link #write} to PATH removes such files
 * (see {@link AtomicFiles#removeAbandonedTemps}).
 * Both refuse a PATH that is a symbolic link ({@link SymlinkTargetException}) or exists but is not a regular
 * file ({@link AtomicFiles.NotRegularFileException}), checked right before the write (a link made by someone
 * who can write the folder in that instant would be followed, like any in-place writer does).
 */
public final class RenderTarget {
    /** What {@link #check} found. */
    public enum CheckResult {
        /** PATH holds exactly the content (exit 0 for {@code --check}). */
        SAME,
        /** PATH is missing or holds something else (exit 1 for {@code --check}). */
        DIFFERS
    }

    private RenderTarget() {
    }

    /**
     * Atomically replaces (or creates) {@code path} with {@code content}.
     *
     * @param mode the permissions of the result, or null for owner read/write only (0600)
     * @throws SymlinkTargetException when {@code path} is a symbolic link; nothing is written
     * @throws AtomicFiles.NotRegularFileException when {@code path} is a folder, device or other non-regular file
     * @throws IOException when writing fails; an existing file is then unchanged
     */
    public static void write(Path path, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        refuseSpecial(path);
        try {
            AtomicFiles.removeAbandonedTemps(path);
        } catch (IOException cannotList) {
            // Cleaning up is best effort; the write below reports any real problem with the folder.
        }
        AtomicFiles.write(path, content, mode != null ? mode : AtomicFiles.OWNER_RW);
    }

    /**
     * Whether {@code path} already holds exactly {@code content}. Nothing is written; a missing file differs.
     *
     * @throws SymlinkTargetException when {@code path} is a symbolic link
     * @throws AtomicFiles.NotRegularFileException when {@code path} is not a regular file
     * @throws IOException when an existing file cannot be read
     */
    public static CheckResult check(Path path, byte[] content) throws IOException {
        if (!refuseSpecial(path)) {
            return CheckResult.DIFFERS;
        }
        if (Files.size(path) != content.length) {
            return CheckResult.DIFFERS;
        }
        byte[] existing = null;
        try {
            existing = BoundedFiles.read(path, Math.max(content.length, 1));
            return MessageDigest.isEqual(existing, content) ? CheckResult.SAME : CheckResult.DIFFERS;
        } catch (BoundedFiles.TooLargeException grewMeanwhile) {
            return CheckResult.DIFFERS;
        } finally {
            if (existing != null) {
                Arrays.fill(existing, (byte) 0);
            }
        }
    }

    /** Returns whether a regular file exists at {@code path}; throws for links and other non-regular files. */
    private static boolean refuseSpecial(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            throw new SymlinkTargetException(path);
        }
        if (!attributes.isRegularFile()) {
            throw new AtomicFiles.NotRegularFileException(path);
        }
        return true;
    }

    /** The output path is a symbolic link, which render refuses to write through or replace. */
    public static final class SymlinkTargetException extends IOException {
        private static final long serialVersionUID = 1L;

        SymlinkTargetException(Path path) {
            super("output [" + path + "] is a symbolic link; refusing to write through it");
        }
    }
}
