package dev.secrets.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the public test vectors live: {@code test-vectors/shared/} in the clone, a vendored copy of the workplace's
 * {@code shared/vectors} (each case keeps its SOURCE; licences in {@code test-vectors/shared/LICENSES.md}), so a
 * fresh clone's tests need nothing beside it.
 */
public final class Shared {
    private Shared() {
    }

    /** The vendored folder; fails loudly when it is missing, since the interop proof depends on it. */
    public static Path dir() {
        String configured = System.getProperty("shared.dir", "test-vectors/shared");
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("vectors"))) {
            throw new IllegalStateException("shared test data not found at " + dir + " (expected test-vectors/shared in the clone)");
        }
        return dir;
    }

    /** A folder under {@code extra/}: public files vendored beside the shared set (each with its SOURCE). */
    public static Path extra(String name) {
        return dir().resolve("extra").resolve(name);
    }

    /** A folder under {@code vectors/}. */
    public static Path vectors(String name) {
        return dir().resolve("vectors").resolve(name);
    }
}
