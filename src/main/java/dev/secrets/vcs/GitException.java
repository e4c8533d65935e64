package dev.secrets.vcs;

/** Git is missing, the folder is not in a repository, or a git command failed; the message says which. */
public final class GitException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
