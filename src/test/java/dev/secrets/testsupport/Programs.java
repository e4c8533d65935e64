package dev.secrets.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real programs the tests need (peers, servers' tools, a terminal): found on PATH, or the test fails on CI
 * (variable CI set, where .ci/run must have installed them) and is skipped elsewhere.
 */
public final class Programs {
    private Programs() {
    }

    /** The program's path; fails on CI and skips elsewhere when it is missing, naming {@code install}. */
    public static Path require(String program, String install) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                throw new AssertionError("[" + program + "] is missing on CI (" + install + ")");
            }
            Assumptions.abort("[" + program + "] is not installed (" + install + ")");
        }
        return found.get();
    }

    /** The program on PATH, if any. */
    public static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(":")) {
                Path candidate = Path.of(folder, program);
                if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** What a finished program printed (stdout and stderr together) and its exit code. */
    public record Output(int exitCode, String text) {
    }

    /**
     * Runs {@code command} in {@code folder} (null: here) with {@code env} added to this process's environment
     * and {@code removed} variables taken out; waits at most 60 s.
     */
    public static Output run(List<String> command, Path folder, Map<String, String> env, List<String> removed)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (folder != null) {
            builder.directory(folder.toFile());
        }
        builder.environment().keySet().removeAll(removed);
        builder.environment().putAll(env);
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in 60 s");
        }
        return new Output(process.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
