package dev.secrets.app;

import java.nio.file.Path;

/** {@code doctor}, {@code scan-history}, {@code revoke-report}: the folder is not inside a git work tree. */
public final class NotARepositoryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code path} is not in a git repository (or git is not installed). */
    public NotARepositoryException(Path path) {
        super("[" + path + "] is not inside a git repository (or git is not installed)");
    }
}
