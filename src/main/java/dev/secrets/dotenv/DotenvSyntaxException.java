package dev.secrets.dotenv;

/**
 * A dotenv line that cannot be read. The message names the source, line and column and what was expected,
 * never the line's content (it may hold a secret).
 */
public final class DotenvSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    /** A syntax error at {@code line}:{@code column} (both 1-based) of {@code source}. */
    public DotenvSyntaxException(String source, int line, int column, String problem) {
        super("[" + source + "] line " + line + ", column " + column + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The same error with {@code advice} appended to its one line (the cause kept). */
    public DotenvSyntaxException withAdvice(String advice) {
        DotenvSyntaxException advised = new DotenvSyntaxException(source, line, column, problem + "; " + advice);
        advised.initCause(this);
        return advised;
    }

    /** The file name or description the text came from. */
    public String source() {
        return source;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }

    /** The 1-based column (in bytes). */
    public int column() {
        return column;
    }
}
