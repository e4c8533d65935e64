package dev.secrets.keys;

/**
 * A failure around master keys. Messages name the recipient, file or source, never key material; the
 * subclasses let the command layer map each condition to its own exit code.
 */
public abstract class KeyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    protected KeyException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** A line telling the user what to do next, or null. */
    public String hint() {
        return hint;
    }

    /** A recipient string is not a valid public key. */
    public static final class InvalidRecipient extends KeyException {
        private static final long serialVersionUID = 1L;

        public InvalidRecipient(String message, String hint, Throwable cause) {
            super(message, hint, cause);
        }
    }

    /** An identity (private key) could not be parsed; the message names its source and line, not its text. */
    public static final class InvalidIdentity extends KeyException {
        private static final long serialVersionUID = 1L;

        public InvalidIdentity(String message, String hint, Throwable cause) {
            super(message, hint, cause);
        }
    }

    /** No identity was found in any of the places searched (all of them listed in the message). */
    public static final class NoIdentityFound extends KeyException {
        private static final long serialVersionUID = 1L;

        public NoIdentityFound(String message, String hint) {
            super(message, hint, null);
        }
    }

    /** Identities were found but none opens the file; the message lists the file's recipients. */
    public static final class NoIdentityMatched extends KeyException {
        private static final long serialVersionUID = 1L;

        public NoIdentityMatched(String message, String hint) {
            super(message, hint, null);
        }
    }

    /** Wrapping or unwrapping failed for another reason (corrupt armor, crypto provider failure). */
    public static final class WrapFailed extends KeyException {
        private static final long serialVersionUID = 1L;

        public WrapFailed(String message, String hint, Throwable cause) {
            super(message, hint, cause);
        }
    }
}
