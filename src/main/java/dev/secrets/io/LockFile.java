package dev.secrets.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An advisory lock held as a file: created with {@code CREATE_NEW} (so exactly one process can create it),
 * holding {@code pid}, {@code host} and {@code started}. A lock left by a process that died on this same host
 * is stale and is taken over; a lock from another host is never guessed about. {@link #close()} deletes it.
 */
public final class LockFile implements AutoCloseable {
    private final Path path;
    private boolean released;

    private LockFile(Path path) {
        this.path = path;
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
    public static LockFile acquire(Path path, Instant now) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                create(path, now);
                return new LockFile(path);
            } catch (FileAlreadyExistsException e) {
                Optional<Holder> holder = read(path);
                if (holder.isEmpty()) {
                    continue; // released between our attempt and the read
                }
                if (!isStale(holder.get())) {
                    throw new HeldException(path, holder.get());
                }
                Files.deleteIfExists(path);
            }
        }
        throw new HeldException(path, read(path).orElse(new Holder("", "", "")));
    }

    /** The holder recorded in the lock file at {@code path}, empty when there is none. */
    public static Optional<Holder> read(Path path) throws IOException {
        String text;
        try {
            text = new String(BoundedFiles.read(path, 4096), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
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
        return Optional.of(new Holder(pid, host, started));
    }

    /** This machine's host name (from the kernel; no DNS lookup). */
    public static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static boolean isStale(Holder holder) {
        if (!holder.host().equals(hostName())) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.pid());
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void create(Path path, Instant now) throws IOException {
        byte[] content = ("pid=" + ProcessHandle.current().pid() + "\nhost=" + hostName() + "\nstarted=" + now + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_RW))) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
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
            // A left-over lock of a dead process is detected as stale by the next edit.
        }
    }
}
