package dev.secrets.render;

/**
 * A render failure. Messages name the key or option in brackets and never include a value; each subclass is a
 * distinct condition the command layer can map to its own exit code.
 */
public abstract class RenderException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    RenderException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** A line telling the user what to do next, or null. */
    public String hint() {
        return hint;
    }

    /** A key cannot be written in the chosen format (for example a shell variable name with a dash). */
    public static final class UnsupportedKey extends RenderException {
        private static final long serialVersionUID = 1L;
        private final String key;

        UnsupportedKey(String format, String key, String reason, String hint) {
            super("key [" + Keys.display(key) + "] cannot be written as " + format + ": " + reason, hint);
            this.key = key;
        }

        /** The offending key. */
        public String key() {
            return key;
        }
    }

    /** A value cannot be carried by the chosen format (for example a NUL byte in a shell variable). */
    public static final class UnsupportedValue extends RenderException {
        private static final long serialVersionUID = 1L;
        private final String key;

        UnsupportedValue(String format, String key, String reason, String hint) {
            super("value of [" + Keys.display(key) + "] cannot be written as " + format + ": " + reason, hint);
            this.key = key;
        }

        /** The key whose value was refused. */
        public String key() {
            return key;
        }
    }

    /** A key named in a selection ({@code --only} / {@code --except}) is not in the file. */
    public static final class UnknownKey extends RenderException {
        private static final long serialVersionUID = 1L;
        private final String key;

        UnknownKey(String option, String key) {
            super("key [" + Keys.display(key) + "] given to " + option + " is not in the file",
                    "check the spelling; keys are case-sensitive");
            this.key = key;
        }

        /** The key that was asked for but not found. */
        public String key() {
            return key;
        }
    }

    /** A format name or format option is invalid (unknown format, bad Kubernetes name, bad file name). */
    public static final class InvalidOption extends RenderException {
        private static final long serialVersionUID = 1L;

        InvalidOption(String message, String hint) {
            super(message, hint);
        }
    }
}
