package dev.secrets.app;

import dev.secrets.age.CommandLineSplitter;
import dev.secrets.io.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which editor to run: {@code $SOPS_EDITOR}, else {@code $VISUAL}, else {@code $EDITOR} (split into words like a
 * shell would, without expanding anything, so {@code code --wait} works), else {@code vi} or {@code nano} found
 * on {@code PATH}.
 */
final class Editors {
    private static final List<String> VARIABLES = List.of("SOPS_EDITOR", "VISUAL", "EDITOR");
    private static final List<String> FALLBACKS = List.of("vi", "nano");

    private Editors() {
    }

    /** The editor's command words (the file path is appended by the caller). */
    static List<String> command(Environment env) throws EditException {
        for (String variable : VARIABLES) {
            Optional<String> value = env.get(variable);
            if (value.isPresent()) {
                List<String> words;
                try {
                    words = CommandLineSplitter.split(value.get());
                } catch (IllegalArgumentException e) {
                    throw new EditException(EditException.Kind.NO_EDITOR, "$" + variable + " cannot be split into "
                            + "words: " + e.getMessage(), null, e);
                }
                if (!words.isEmpty()) {
                    return words;
                }
            }
        }
        for (String fallback : FALLBACKS) {
            if (onPath(fallback, env)) {
                return List.of(fallback);
            }
        }
        throw new EditException(EditException.Kind.NO_EDITOR, "no editor: set SOPS_EDITOR, VISUAL or EDITOR "
                + "(e.g. EDITOR='code --wait'), or install vi or nano", null, null);
    }

    private static boolean onPath(String program, Environment env) {
        for (String folder : env.get("PATH").orElse("/usr/bin:/bin").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
