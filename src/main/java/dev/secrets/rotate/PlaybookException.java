package dev.secrets.rotate;

/** A playbook could not be read or is invalid: the message names the file, line and field. */
public final class PlaybookException extends RotationException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;

    /** An error at {@code source:line} ({@code line} 0 when unknown). */
    public PlaybookException(String source, int line, String message, String hint, Throwable cause) {
        super("[" + source + (line > 0 ? ":" + line : "") + "] " + message, hint, cause);
        this.source = source;
        this.line = line;
    }

    /** The playbook's name as given to the loader. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }
}
