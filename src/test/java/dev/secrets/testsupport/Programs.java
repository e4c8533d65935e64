package dev.secrets.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
}
