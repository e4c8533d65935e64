package dev.secrets.sops;

/**
 * A failure reading, decrypting or verifying a SOPS document. Each condition is its own subclass so the command
 * layer can give it its own exit code. Messages name keys and line numbers, never values.
 */
public abstract class SopsException extends Exception {
    private static final long serialVersionUID = 1L;

    protected SopsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A value is not in the {@code ENC[AES256_GCM,...]} form, or its parts are not valid base64. */
    public static final class MalformedValue extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public MalformedValue(String message) {
            super(message, null);
        }
    }

    /** A value's authentication tag does not verify: it was changed, moved to another key, or the key is wrong. */
    public static final class ValueTampered extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public ValueTampered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The file's MAC does not match its content (or cannot be decrypted under its {@code lastmodified}). */
    public static final class MacMismatch extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public MacMismatch(String message) {
            super(message, null);
        }
    }

    /** The {@code sops_*} metadata is missing pieces, malformed or contradictory. */
    public static final class InvalidMetadata extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public InvalidMetadata(String message) {
            super(message, null);
        }
    }

    /** The file has no SOPS metadata at all: it is not encrypted. */
    public static final class NotEncrypted extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public NotEncrypted(String message) {
            super(message, null);
        }
    }

    /** Plain input already carries SOPS metadata or {@code sops_} keys. */
    public static final class AlreadyEncrypted extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public AlreadyEncrypted(String message) {
            super(message, null);
        }
    }

    /** The file is a SOPS file of another store (YAML, JSON); this tool reads the dotenv store only. */
    public static final class UnsupportedFormat extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public UnsupportedFormat(String message) {
            super(message, null);
        }
    }

    /** A plain or encrypted YAML, JSON or INI document does not parse (the message names file and line). */
    public static final class InvalidDocument extends SopsException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public InvalidDocument(String message) {
            super(message, null);
        }
    }
}
