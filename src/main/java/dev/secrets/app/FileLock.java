package dev.secrets.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an encrypted file for one long operation, held through an OS lock on a small
 * {@code .FILE.lock} beside it: the OS releases it when the process dies, so a crash never leaves a stale lock.
 */
final class FileLock implements AutoCloseable {
    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;
    private final Path path;

    private FileLock(FileChannel channel, java.nio.channels.FileLock lock, Path path) {
        this.channel = channel;
        this.lock = lock;
        this.path = path;
    }

    /**
     * Locks {@code file} for {@code operation}.
     *
     * @throws UsageException when another process holds the lock
     */
    static FileLock acquire(Path file, String operation) throws IOException, UsageException {
        Path path = file.resolveSibling("." + file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new UsageException(UsageException.Kind.CONFLICT, "[" + file + "] is locked by another secrets "
                        + "process (" + operation + " refused); try again when it has finished");
            }
            return new FileLock(channel, lock, path);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new UsageException(UsageException.Kind.CONFLICT, "[" + file + "] is already locked in this process");
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
        Files.deleteIfExists(path);
    }
}
