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

    /** A key form that is recognised but cannot be used here (an SSH key type age has no stanza for, ...). */
    public static final class UnsupportedKey extends KeyException {
        private static final long serialVersionUID = 1L;

        public UnsupportedKey(String message, String hint, Throwable cause) {
            super(message, hint, cause);
        }
    }

    /** A passphrase (of a passphrase-encrypted file, identity file or SSH key) is wrong. */
    public static final class WrongPassphrase extends KeyException {
        private static final long serialVersionUID = 1L;

        public WrongPassphrase(String message, String hint) {
            super(message, hint, null);
        }
    }

    /** A passphrase is needed but cannot be asked for (no terminal). */
    public static final class PassphraseUnavailable extends KeyException {
        private static final long serialVersionUID = 1L;

        public PassphraseUnavailable(String message, String hint) {
            super(message, hint, null);
        }
    }

    /** An age plugin ({@code age-plugin-NAME}) is not on {@code PATH}. */
    public static final class PluginNotFound extends KeyException {
        private static final long serialVersionUID = 1L;

        public PluginNotFound(String message, String hint) {
            super(message, hint, null);
        }
    }

    /** An age plugin failed: it exited, timed out, or broke the protocol. */
    public static final class PluginFailed extends KeyException {
        private static final long serialVersionUID = 1L;

        public PluginFailed(String message, String hint, Throwable cause) {
            super(message, hint, cause);
        }
    }
}
