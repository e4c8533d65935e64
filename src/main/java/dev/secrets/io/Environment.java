package dev.secrets.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as the rest of the program sees it: the only reader of {@code System.getenv}, so
 * tests can pass a map instead. Also carries the working directory and home folder, which discovery needs.
 */
public final class Environment {
    private final Map<String, String> variables;
    private final Path workingDirectory;
    private final Path home;

    /** An environment from explicit parts (tests, child processes). */
    public Environment(Map<String, String> variables, Path workingDirectory, Path home) {
        this.variables = Map.copyOf(variables);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
    }

    /** The real environment of this process; home is {@code $HOME} (as sops and age-keygen), else the JVM's. */
    public static Environment system() {
        String home = System.getenv("HOME");
        return new Environment(System.getenv(), Path.of("").toAbsolutePath(),
                Path.of(home == null || home.isEmpty() ? System.getProperty("user.home") : home));
    }

    /** The value of {@code name} when it is set and not empty. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** All variables (an unmodifiable copy). */
    public Map<String, String> variables() {
        return variables;
    }

    /** The folder relative paths are resolved against. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The user's home folder. */
    public Path home() {
        return home;
    }

    /** Resolves {@code path} against the working directory. */
    public Path resolve(Path path) {
        return workingDirectory.resolve(path).normalize();
    }
}
