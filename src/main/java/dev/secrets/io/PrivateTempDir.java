package dev.secrets.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A private folder (0700) for plaintext that must touch disk, preferably on memory-backed storage
 * ({@code $XDG_RUNTIME_DIR}, {@code /dev/shm}), else the temp dir. {@link #close()} overwrites every file with
 * zeros before deleting it, and a shutdown hook does the same if the JVM is stopped by a signal.
 */
public final class PrivateTempDir implements AutoCloseable {
    private final Path folder;
    private final Thread shutdownHook;
    private boolean closed;

    private PrivateTempDir(Path folder) {
        this.folder = folder;
        this.shutdownHook = new Thread(this::wipeQuietly, "wipe-" + folder.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Creates a private folder in the best root {@code env} offers. */
    public static PrivateTempDir create(Environment env) throws IOException {
        return createIn(candidateRoots(env));
    }

    /** Creates a private folder in the first usable root of {@code roots}. */
    public static PrivateTempDir createIn(List<Path> roots) throws IOException {
        IOException last = null;
        for (Path root : roots) {
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                continue;
            }
            try {
                Path folder = Files.createTempDirectory(root, "secrets-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return new PrivateTempDir(folder);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no writable temporary folder among " + roots);
    }

    /** Where private folders go, best first: memory-backed storage, then the temp dir. */
    public static List<Path> candidateRoots(Environment env) {
        List<Path> roots = new ArrayList<>();
        env.get("XDG_RUNTIME_DIR").map(Path::of).ifPresent(roots::add);
        roots.add(Path.of("/dev/shm"));
        env.get("TMPDIR").map(Path::of).ifPresent(roots::add);
        roots.add(Path.of(System.getProperty("java.io.tmpdir")));
        return roots;
    }

    /** The folder itself. */
    public Path path() {
        return folder;
    }

    /** Writes a new owner-only (0600) file named {@code name} in the folder. */
    public Path writeFile(String name, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_RW))) {
            AtomicFiles.writeFully(channel, content);
        }
        return file;
    }

    /** Overwrites and deletes everything in the folder, then the folder. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        wipeQuietly();
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran; nothing left to do.
        }
    }

    private synchronized void wipeQuietly() {
        if (closed || !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(PrivateTempDir::wipeOne);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: each path is tried on its own below.
        }
    }

    private static void wipeOne(Path path) {
        try {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                long size = Files.size(path);
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 16));
                    long written = 0;
                    while (written < size) {
                        zeros.clear();
                        zeros.limit((int) Math.min(zeros.capacity(), size - written));
                        written += channel.write(zeros, written);
                    }
                    channel.force(true);
                }
            }
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Keep going: the other files still get wiped.
        }
    }
}
