package dev.secrets.app;

import java.nio.file.Path;

/**
 * An edit session ended without writing the encrypted file. When the user's text could not be applied it was
 * saved encrypted beside the file ({@link #savedAside()}); the message names files, never content.
 */
public final class EditException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the session ended. */
    public enum Kind {
        /** No editor could be found or started. */
        NO_EDITOR,
        /** The editor exited non-zero or was killed; the file is untouched. */
        EDITOR_FAILED,
        /** The edited text is not a valid dotenv file; it was saved aside. */
        REJECTED,
        /** The encrypted file changed on disk during the session; the edit was saved aside. */
        CHANGED_ON_DISK,
        /** Another edit of the same file is in progress. */
        LOCKED
    }

    private final Kind kind;
    private final transient Path savedAside;
    private String hint;

    /** A session end of {@code kind}; {@code savedAside} is where the user's text went, or null. */
    public EditException(Kind kind, String message, Path savedAside, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.savedAside = savedAside;
    }

    /** Why the session ended. */
    public Kind kind() {
        return kind;
    }

    /** The encrypted copy of the user's text ({@code FILE.rejected-TIME.age}), or null when none was needed. */
    public Path savedAside() {
        return savedAside;
    }

    /** A follow-up line for the user (e.g. that the saved copy is not ignored by git), or null. */
    public String hint() {
        return hint;
    }

    EditException withHint(String text) {
        this.hint = text;
        return this;
    }
}
