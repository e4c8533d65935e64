package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.secrets.io.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the real {@code age} and {@code age-keygen} (Debian package {@code age}); required when {@code CI} is set. */
final class AgeCli {
    private AgeCli() {
    }

    /** The program's path; fails the test on CI when missing, else skips it. */
    static Path require(String program) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail("[" + program + "] is not on PATH; CI must install the Debian package 'age'");
            }
            assumeTrue(false, "[" + program + "] is not on PATH (install the Debian package 'age')");
        }
        return found.get();
    }

    static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code program args...} with {@code stdin}, asserts exit code 0, returns stdout. */
    static byte[] run(String program, byte[] stdin, String... args) throws IOException {
        ProcessRunner.Result result = runRaw(program, stdin, args);
        assertEquals(0, result.exitCode(), program + " failed: " + result.stderr());
        return result.stdout();
    }

    static ProcessRunner.Result runRaw(String program, byte[] stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(require(program).toString());
        command.addAll(List.of(args));
        return ProcessRunner.capture(command, Map.of("PATH", System.getenv("PATH")), stdin, 30, 16 * 1024 * 1024);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
