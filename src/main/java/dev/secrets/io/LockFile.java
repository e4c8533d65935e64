package dev.secrets.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * An advisory lock held as a file with an operating-system lock on it for as long as the command runs: the
 * kernel releases that lock when the process dies, so a lock left by a crash is free for the next command and two
 * commands can never both take over a stale one. The file records {@code pid}, {@code host} and {@code started}
 * for the message a refused command prints; a file written by another host (a shared folder, where OS locks may
 * not reach) is never taken over. {@link #close()} deletes the file, then releases the lock.
 */
public final class LockFile implements AutoCloseable {
    /** Locks this process holds, by path: it must never open a second descriptor on them. */
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();
    private final Path path;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private LockFile(Path path, Path key, FileChannel channel, FileLock lock) {
        this.path = path;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Who holds a lock, as read from its file (fields empty when unreadable). */
    public record Holder(String pid, String host, String started) {
        /** "pid 123 on host h since t". */
        public String describe() {
            return "pid " + (pid.isEmpty() ? "?" : pid) + " on " + (host.isEmpty() ? "an unknown host" : host)
                    + (started.isEmpty() ? "" : " since " + started);
        }
    }

    /** Thrown when another live process holds the lock. */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Holder holder;

        HeldException(Path path, Holder holder) {
            super("[" + path + "] is held by " + holder.describe());
            this.holder = holder;
        }

        /** Who holds it. */
        public Holder holder() {
            return holder;
        }
    }

    /**
     * Takes the lock at {@code path}, replacing a stale one (its process is gone from this host).
     *
     * @throws HeldException when a live process, or one on another host, holds it
     * @throws IOException when the lock file cannot be created
     */
    public static synchronized LockFile acquire(Path path, Instant now) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        Holder mine = HELD_HERE.get(key);
        if (mine != null) {
            // Never open a second descriptor here: closing it would drop this process's OS lock (POSIX rule).
            throw new HeldException(path, mine);
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Object before = fileKey(path);
            FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_RW));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new HeldException(path, read(path).orElse(new Holder("", "", "")));
            }
            Object after = fileKey(path);
            if (after == null || (before != null && !before.equals(after))) {
                // The previous holder deleted the file between our open and our lock: try again on the new one.
                lock.release();
                channel.close();
                continue;
            }
            Holder previous = parse(readThrough(channel));
            if (!previous.host().isEmpty() && !previous.host().equals(hostName())) {
                lock.release();
                channel.close();
                throw new HeldException(path, previous);
            }
            Holder holder = new Holder(Long.toString(ProcessHandle.current().pid()), hostName(), now.toString());
            byte[] content = ("pid=" + holder.pid() + "\nhost=" + holder.host() + "\nstarted=" + holder.started()
                    + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.position(0);
            AtomicFiles.writeFully(channel, content);
            channel.force(true);
            HELD_HERE.put(key, holder);
            return new LockFile(path, key, channel, lock);
        }
        throw new HeldException(path, read(path).orElse(new Holder("", "", "")));
    }

    private static String readThrough(FileChannel channel) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4096);
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // keep reading up to the bound
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static Object fileKey(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The holder recorded in the lock file at {@code path}, empty when there is none. */
    public static Optional<Holder> read(Path path) throws IOException {
        Holder mine = HELD_HERE.get(path.toAbsolutePath().normalize());
        if (mine != null) {
            return Optional.of(mine);
        }
        String text;
        try {
            text = new String(BoundedFiles.read(path, 4096), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(parse(text));
    }

    private static Holder parse(String text) {
        String pid = "";
        String host = "";
        String started = "";
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            switch (line.substring(0, eq)) {
                case "pid": pid = value; break;
                case "host": host = value; break;
                case "started": started = value; break;
                default: break;
            }
        }
        return new Holder(pid, host, started);
    }

    /** This machine's host name (from the kernel; no DNS lookup). */
    public static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The lock file. */
    public Path path() {
        return path;
    }

    /** Deletes the lock file. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A file left behind holds no OS lock: the next command takes it over.
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // Closing releases the lock in any case.
        } finally {
            HELD_HERE.remove(key);
        }
    }
}
