package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.io.ProcessRunner;
import dev.secrets.testsupport.Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real {@code age} and {@code age-keygen} (Debian package {@code age}); required when {@code CI} is set. */
final class AgeCli {
    private AgeCli() {
    }

    /** The program's path; fails the test on CI when missing, else skips it. */
    static Path require(String program) {
        return Programs.require(program, "apt-get install age");
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
