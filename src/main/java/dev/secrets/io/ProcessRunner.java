package dev.secrets.io;

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
    private ProcessRunner() {
    }

    /** What a finished capture run produced. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
    }

    /**
     * Runs {@code command} with {@code environment} (replacing the inherited one), feeds {@code stdin}, and
     * captures stdout (bounded) and stderr. Fails with {@link IOException} if it runs longer than {@code timeout}.
     */
    public static Result capture(List<String> command, Map<String, String> environment, byte[] stdin,
            long timeoutSeconds, int maxOutput) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<Drained> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream(), maxOutput));
        CompletableFuture<Drained> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream(), 64 * 1024));
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
            Drained stdout = out.join();
            if (stdout.truncated()) {
                throw new IOException("[" + command.get(0) + "] printed more than " + maxOutput + " bytes");
            }
            Drained stderr = err.join();
            return new Result(process.exitValue(), stdout.bytes(), new String(stderr.bytes(), StandardCharsets.UTF_8));
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

    private record Drained(byte[] bytes, boolean truncated) {
    }

    /** Reads a pipe to its end so the child never blocks on it, keeping at most {@code limit} bytes. */
    private static Drained drain(InputStream in, int limit) {
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean truncated = false;
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                int room = limit - kept.size();
                if (n > room) {
                    truncated = true;
                }
                kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
            }
        } catch (IOException e) {
            // The child closed its end: what was read is what there is.
        } finally {
            java.util.Arrays.fill(buffer, (byte) 0);
        }
        return new Drained(kept.toByteArray(), truncated);
    }
}
