package dev.secrets.dotenv;

/**
 * One line of a dotenv file, kept exactly: its content and its own line ending ({@code "\n"}, {@code "\r\n"},
 * or {@code ""} for a last line without one).
 */
public sealed interface DotenvLine permits DotenvLine.Blank, DotenvLine.Comment, DotenvLine.Entry {
    /** The line ending this line had, to emit it back unchanged. */
    String eol();

    /** A line holding nothing, or only spaces and tabs (kept as they were). */
    record Blank(String whitespace, String eol) implements DotenvLine {
    }

    /**
     * A line starting with {@code #}; {@code text} is everything after the first {@code #}, raw bytes
     * (leading space kept), as sops reads it.
     */
    record Comment(Bytes text, String eol) implements DotenvLine {
    }

    /**
     * {@code KEY=value}: the key is everything before the first {@code =} (spaces kept), the value everything
     * after, with each two-character sequence {@code \n} turned into a line feed, as sops reads it.
     */
    record Entry(String key, Bytes value, String eol) implements DotenvLine {
    }
}
