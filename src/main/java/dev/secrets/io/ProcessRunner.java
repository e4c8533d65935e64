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
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readQuietly(process.getInputStream(), maxOutput));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readQuietly(process.getErrorStream(), 64 * 1024));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException ignored) {
            // The child may exit without reading its input.
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("[" + command.get(0) + "] did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running [" + command.get(0) + "]", e);
        }
    }

    private static byte[] readQuietly(InputStream in, int limit) {
        try {
            return BoundedFiles.read(in, limit, "process output");
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
