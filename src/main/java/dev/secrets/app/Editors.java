package dev.secrets.app;

import dev.secrets.age.CommandLineSplitter;
import dev.secrets.io.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
                    return hardened(words, env);
                }
            }
        }
        for (String fallback : FALLBACKS) {
            if (onPath(fallback, env)) {
                return hardened(List.of(fallback), env);
            }
        }
        throw new EditException(EditException.Kind.NO_EDITOR, "no editor: set SOPS_EDITOR, VISUAL or EDITOR "
                + "(e.g. EDITOR='code --wait'), or install vi or nano", null, null);
    }

    /**
     * For vim and neovim, adds options that keep the plaintext out of files outside the private folder: no
     * viminfo/shada history ({@code -i NONE}, which would remember registers with secrets in the home folder),
     * no backup or undo files wherever the user's vimrc would put them.
     */
    static List<String> hardened(List<String> words, Environment env) {
        Path program = locate(words.get(0), env);
        String name = (program != null ? resolved(program) : Path.of(words.get(0))).getFileName().toString();
        if (!name.startsWith("vim") && !name.startsWith("nvim")) {
            return words;
        }
        List<String> out = new ArrayList<>();
        out.add(words.get(0));
        out.addAll(List.of("-i", "NONE", "--cmd", "set nobackup nowritebackup noundofile"));
        out.addAll(words.subList(1, words.size()));
        return out;
    }

    private static Path resolved(Path program) {
        try {
            return program.toRealPath();
        } catch (java.io.IOException e) {
            return program;
        }
    }

    private static Path locate(String program, Environment env) {
        if (program.contains("/")) {
            return Path.of(program);
        }
        for (String folder : env.get("PATH").orElse("/usr/bin:/bin").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return Path.of(folder, program);
            }
        }
        return null;
    }

    private static boolean onPath(String program, Environment env) {
        return locate(program, env) != null;
    }
}
