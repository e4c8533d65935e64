package dev.secrets.app;

import java.nio.file.Path;

/** A file could not be read or written; the message names the file and the reason, nothing of its content. */
public final class FileAccessException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The input does not exist. */
        NOT_FOUND,
        /** The input exists but cannot be read (permissions, a folder, too large). */
        UNREADABLE,
        /** The output cannot be written; nothing was changed. */
        UNWRITABLE
    }

    private final Kind kind;

    /** A failure of {@code kind} on {@code path}. */
    public FileAccessException(Kind kind, Path path, String reason, Throwable cause) {
        super(describe(kind) + " [" + path + "]" + (reason == null || reason.isEmpty() ? "" : ": " + reason), cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    private static String describe(Kind kind) {
        switch (kind) {
            case NOT_FOUND: return "no such file";
            case UNREADABLE: return "cannot read";
            default: return "cannot write";
        }
    }
}
