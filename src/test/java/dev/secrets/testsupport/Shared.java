package dev.secrets.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared test data lives ({@code ../shared} beside the clone; never copied into the project). */
public final class Shared {
    private Shared() {
    }

    /** The shared folder; fails loudly when it is missing, since the interop proof depends on it. */
    public static Path dir() {
        String configured = System.getProperty("shared.dir", "../shared");
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("vectors"))) {
            throw new IllegalStateException("shared test data not found at " + dir + " (expected ../shared beside the clone)");
        }
        return dir;
    }

    /** A folder under {@code vectors/}. */
    public static Path vectors(String name) {
        return dir().resolve("vectors").resolve(name);
    }
}
