package dev.secrets.app;

/** A request that cannot be carried out as given (conflicting options, a key that is not there, ...). */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of misuse. */
    public enum Kind {
        /** Options that cannot be combined. */
        CONFLICT,
        /** A change that needs the person's confirmation (--yes) was not confirmed. */
        NOT_CONFIRMED,
        /** A named key is not in the file. */
        KEY_NOT_FOUND,
        /** The file has no recipients to encrypt for. */
        NO_RECIPIENTS,
        /** The input format is not supported. */
        UNSUPPORTED,
        /** A needed piece of set-up (e.g. the rotation playbook) is missing. */
        NOT_CONFIGURED,
        /** A recipient to remove is not in the file. */
        RECIPIENT_NOT_FOUND,
        /** A key name reserved for SOPS metadata ({@code sops_...}). */
        RESERVED_KEY,
        /** An argument that is not acceptable (a key name that cannot be written, a too weak secret). */
        INVALID_ARGUMENT
    }

    private final Kind kind;

    /** A misuse of {@code kind}. */
    public UsageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** What kind of misuse. */
    public Kind kind() {
        return kind;
    }
}
