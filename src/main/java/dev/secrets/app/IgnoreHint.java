package dev.secrets.app;

import dev.secrets.io.Environment;
import dev.secrets.vcs.Git;
import dev.secrets.vcs.GitException;
import java.nio.file.Path;

/**
 * The one-line hint printed when the tool leaves a file (backup, rejected edit, journal) inside a git work tree
 * whose {@code .gitignore} does not ignore it. The user's {@code .gitignore} is never edited silently: the hint
 * names the exact lines, and {@code secrets git setup} adds them.
 */
final class IgnoreHint {
    private IgnoreHint() {
    }

    /** The hint for {@code leftover}, or null when git ignores it, it is outside a work tree, or git is missing. */
    static String forLeftover(Path leftover, Environment env) {
        try {
            Path parent = leftover.toAbsolutePath().getParent();
            if (new Git(parent, env.variables()).ignored(leftover.toAbsolutePath())) {
                return null;
            }
            return leftover.getFileName() + " is not ignored by git: add these lines to .gitignore (or run 'secrets"
                    + " git setup'): " + LeftBehind.GITIGNORE;
        } catch (GitException e) {
            return null;
        }
    }
}
