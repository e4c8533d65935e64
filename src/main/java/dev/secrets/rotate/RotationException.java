package dev.secrets.rotate;

/**
 * Base of the rotation package's failures. Messages name the file, line or key in brackets and never contain a
 * secret value; {@link #hint()} is an optional next step for the user.
 */
public abstract class RotationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    /** A failure with a message, an optional hint and an optional cause. */
    protected RotationException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** A suggested next step, or {@code null}. */
    public String hint() {
        return hint;
    }
}
