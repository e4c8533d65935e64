package dev.secrets.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process read as a stream (for git plumbing whose output is far larger than memory should hold): its
 * stdout is an {@link InputStream}, its stdin an {@link OutputStream}, and stderr is drained in the background
 * (the first 64 KiB kept for the error message). {@link #close()} kills the child if it is still running.
 */
public final class PipedProcess implements AutoCloseable {
    private static final int MAX_STDERR = 64 * 1024;
    private final Process process;
    private final String name;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread drain;
    private final WipingBufferedInputStream out;
    private final OutputStream in;

    private PipedProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        this.out = new WipingBufferedInputStream(process.getInputStream());
        this.in = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.drain = new Thread(this::drainStderr, "process-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts {@code command} in {@code directory} with exactly {@code environment}. */
    public static PipedProcess start(List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new PipedProcess(builder.start(), command.get(0));
    }

    /** The child's stdout. */
    public InputStream stdout() {
        return out;
    }

    /** The child's stdin (buffered: flush or close it for the child to see the bytes). */
    public OutputStream stdin() {
        return in;
    }

    /** Waits for the child and fails with its stderr's first line when it exited non-zero. */
    public void finish() throws IOException {
        try {
            int code = process.waitFor();
            drain.join(5000);
            if (code != 0) {
                String first;
                synchronized (stderr) {
                    first = stderr.toString().lines().findFirst().orElse("");
                }
                throw new IOException("[" + name + "] exited with " + code + (first.isEmpty() ? "" : ": " + first));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for [" + name + "]", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        out.wipe();
        try {
            in.close();
        } catch (IOException ignored) {
            // The child may already be gone.
        }
    }

    /** A buffered stream whose buffer can be zeroed: what git prints may be plaintext secrets from history. */
    private static final class WipingBufferedInputStream extends BufferedInputStream {
        WipingBufferedInputStream(InputStream in) {
            super(in, 1 << 16);
        }

        void wipe() {
            byte[] buffer = buf;
            if (buffer != null) {
                java.util.Arrays.fill(buffer, (byte) 0);
            }
        }
    }

    private void drainStderr() {
        byte[] buffer = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) != -1) {
                synchronized (stderr) {
                    if (stderr.length() < MAX_STDERR) {
                        stderr.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException ignored) {
            // What was read is kept.
        }
    }
}
