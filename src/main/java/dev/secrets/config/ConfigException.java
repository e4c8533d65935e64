package dev.secrets.config;

/** A problem with {@code .sops.yaml}: the message names the file (and line where known). */
public abstract class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    protected ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The config file cannot be parsed or holds a value of the wrong shape. */
    public static final class Invalid extends ConfigException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public Invalid(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No creation rule matches the file. */
    public static final class NoMatchingRule extends ConfigException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public NoMatchingRule(String message) {
            super(message, null);
        }
    }

    /** A config is required (e.g. for updatekeys) but none was found. */
    public static final class NotFound extends ConfigException {
        private static final long serialVersionUID = 1L;

        /** The failure, described by {@code message} (which never holds a secret value). */
        public NotFound(String message) {
            super(message, null);
        }
    }
}
