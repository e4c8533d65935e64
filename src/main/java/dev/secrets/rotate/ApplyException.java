package dev.secrets.rotate;

/**
 * An applier could not apply, verify, probe or roll back a credential. The message names the key and what was
 * tried, never a value. {@link #serverMayHaveChanged()} tells whether the server might already hold the new value.
 */
public final class ApplyException extends RotationException {
    private static final long serialVersionUID = 1L;
    private final boolean serverMayHaveChanged;

    /** A failure; {@code serverMayHaveChanged} when the failing step may have reached the server. */
    public ApplyException(String message, boolean serverMayHaveChanged, Throwable cause) {
        super(message, null, cause);
        this.serverMayHaveChanged = serverMayHaveChanged;
    }

    /** A failure with a hint for the user. */
    public ApplyException(String message, String hint, boolean serverMayHaveChanged, Throwable cause) {
        super(message, hint, cause);
        this.serverMayHaveChanged = serverMayHaveChanged;
    }

    /** True when the server might already hold the new value. */
    public boolean serverMayHaveChanged() {
        return serverMayHaveChanged;
    }
}
