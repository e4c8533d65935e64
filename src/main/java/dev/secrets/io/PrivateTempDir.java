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
 *
 * <p>A {@code kill -9} runs neither: the folder stays. So that the next command can tell a dead owner's folder
 * from a live one, the folder is named {@code secrets-<pid>-<random>} and its owner holds an OS lock on the
 * {@code .lock} file in it for its lifetime. {@link #removeAbandoned} wipes the folders whose process is gone
 * and whose lock is free (the lock, released by the kernel when a process dies, also covers a pid reused since or
 * one from another pid namespace); a folder of a live process is never touched.
 */
public final class PrivateTempDir implements AutoCloseable {
    /** The lock file each folder holds while its owner lives. */
    static final String LOCK_NAME = ".lock";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("secrets-(\\d+)-\\d+");
    private final Path folder;
    private final FileChannel lock;
    private final Thread shutdownHook;
    private boolean closed;

    private PrivateTempDir(Path folder, FileChannel lock) {
        this.folder = folder;
        this.lock = lock;
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
                Path folder = Files.createTempDirectory(root, "secrets-" + ProcessHandle.current().pid() + "-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                return new PrivateTempDir(folder, holdLock(folder));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no writable temporary folder among " + roots);
    }

    private static FileChannel holdLock(Path folder) throws IOException {
        FileChannel channel = FileChannel.open(folder.resolve(LOCK_NAME), Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_RW));
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            wipeTree(folder);
            throw e;
        }
    }

    /**
     * Wipes (zeros, then deletes) every private folder in {@code roots} that a killed process left: named
     * {@code secrets-<pid>-*}, its process gone (or that pid now a process started after the folder was last
     * changed), its lock free. Folders of this process and of live ones are left alone.
     *
     * @return the abandoned folders that could not be removed, for {@code doctor} to report
     */
    public static List<Path> removeAbandoned(List<Path> roots) {
        List<Path> left = new ArrayList<>();
        for (Path folder : abandoned(roots)) {
            wipeTree(folder);
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                left.add(folder);
            }
        }
        return left;
    }

    /**
     * The private folders in {@code roots} whose owner is gone (see {@link #removeAbandoned}), plus those of an
     * older naming without the owner's pid ({@code secrets-<digits>}), which cannot be told from live ones.
     */
    public static List<Path> abandoned(List<Path> roots) {
        List<Path> found = new ArrayList<>();
        for (Path root : new java.util.LinkedHashSet<>(roots)) {
            try (java.nio.file.DirectoryStream<Path> stream = Files.newDirectoryStream(root, "secrets-*")) {
                for (Path folder : stream) {
                    java.util.regex.Matcher name = NAME.matcher(folder.getFileName().toString());
                    if (name.matches() && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                            && ownerGone(folder, Long.parseLong(name.group(1)))) {
                        found.add(folder);
                    }
                }
            } catch (IOException | RuntimeException unlistable) {
                // A root that is missing or not ours to list holds nothing of ours.
            }
        }
        return found;
    }

    /**
     * Folders named like an older version's private folders ({@code secrets-<digits>}, no pid): whether their
     * owner lives cannot be told, so they are only reported.
     */
    public static List<Path> unattributed(List<Path> roots) {
        List<Path> found = new ArrayList<>();
        for (Path root : new java.util.LinkedHashSet<>(roots)) {
            try (java.nio.file.DirectoryStream<Path> stream = Files.newDirectoryStream(root, "secrets-*")) {
                for (Path folder : stream) {
                    if (folder.getFileName().toString().matches("secrets-\\d+")
                            && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                        found.add(folder);
                    }
                }
            } catch (IOException | RuntimeException unlistable) {
                // nothing of ours there
            }
        }
        return found;
    }

    private static boolean ownerGone(Path folder, long pid) throws IOException {
        if (pid == ProcessHandle.current().pid()) {
            return false; // ours (a probe of our own lock would release it)
        }
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            java.util.Optional<java.time.Instant> started = process.get().info().startInstant();
            java.time.Instant changed = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant();
            if (started.isEmpty() || !started.get().isAfter(changed)) {
                return false; // the owner itself, still running
            }
        }
        Path lockFile = folder.resolve(LOCK_NAME);
        return !Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS) || AtomicFiles.isUnlocked(lockFile);
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
            lock.close();
        } catch (IOException ignored) {
            // The folder is gone; the lock goes with the process anyway.
        }
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
        wipeTree(folder);
    }

    private static void wipeTree(Path folder) {
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
