package dev.secrets.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs child processes. Secrets go to a child through its environment or standard input, never its argument
 * list (which other users can read in {@code ps}).
 */
public final class ProcessRunner {
    private static final int MAX_STDERR = 64 * 1024;

    private ProcessRunner() {
    }

    /** What a finished capture run produced. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
    }

    /**
     * Runs {@code command} with {@code environment} (replacing the inherited one), feeds {@code stdin}, and
     * captures stdout (bounded) and stderr (its first 64 KiB; the rest is read and dropped so the child never
     * blocks on it). Fails with {@link IOException} if it runs longer than {@code timeout}, or at once (the child
     * is killed) when it prints more than {@code maxOutput} bytes on stdout.
     */
    public static Result capture(List<String> command, Map<String, String> environment, byte[] stdin,
            long timeoutSeconds, int maxOutput) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        // One thread per stream: the shared pool may have a single worker (2 cores), and a child blocked on a
        // full stderr pipe while its stdout is read would never finish.
        CompletableFuture<byte[]> out = readInBackground(() -> readOrKill(process, maxOutput));
        CompletableFuture<byte[]> err = readInBackground(() -> readKeepingHead(process.getErrorStream(), MAX_STDERR));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException ignored) {
            // The child may exit without reading its input.
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(process);
                throw new IOException("[" + command.get(0) + "] did not finish within " + timeoutSeconds + " s");
            }
            byte[] stdout = out.join();
            if (stdout == null) {
                throw new IOException("[" + command.get(0) + "] printed more than " + maxOutput + " bytes");
            }
            return new Result(process.exitValue(), stdout, new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running [" + command.get(0) + "]", e);
        }
    }

    /** Kills the child and everything it started (a shell's children would otherwise keep running). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static CompletableFuture<byte[]> readInBackground(java.util.function.Supplier<byte[]> reader) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> result.complete(reader.get()), "process-output");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** All of stdout, or null when it went past {@code limit} (the child is then killed). */
    private static byte[] readOrKill(Process process, int limit) {
        try {
            return BoundedFiles.read(process.getInputStream(), limit, "process output");
        } catch (BoundedFiles.TooLargeException e) {
            process.destroyForcibly();
            return null;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] readKeepingHead(InputStream in, int limit) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                head.write(buffer, 0, Math.max(0, Math.min(n, limit - head.size())));
            }
        } catch (IOException e) {
            // What was read so far is kept.
        }
        return head.toByteArray();
    }
}
