package dev.secrets.dotenv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads dotenv text exactly as sops does, but losslessly: lines split on LF, a CR before the LF is kept as the
 * line's ending, {@code #} at the start makes a comment, otherwise {@code KEY=value} split at the first
 * {@code =}, and the two characters {@code \n} in a value become a line feed. No quotes, no {@code export},
 * no trimming: those would not survive a round trip through sops.
 */
public final class DotenvParser {
    private DotenvParser() {
    }

    /**
     * Parses {@code text}; {@code source} names it in errors.
     *
     * @throws DotenvSyntaxException for a non-blank line without {@code =}, or a key that is not UTF-8
     */
    public static DotenvDocument parse(byte[] text, String source) throws DotenvSyntaxException {
        List<DotenvLine> lines = new ArrayList<>();
        int start = 0;
        int lineNumber = 1;
        while (start < text.length) {
            int lf = indexOf(text, (byte) '\n', start);
            int end = lf < 0 ? text.length : lf;
            String eol = lf < 0 ? "" : "\n";
            if (lf >= 0 && end > start && text[end - 1] == '\r') {
                end--;
                eol = "\r\n";
            }
            boolean afterOpenQuote = !lines.isEmpty() && lines.get(lines.size() - 1) instanceof DotenvLine.Entry e
                    && opensQuote(e.value());
            lines.add(parseLine(text, start, end, eol, source, lineNumber, afterOpenQuote));
            start = lf < 0 ? text.length : lf + 1;
            lineNumber++;
        }
        return new DotenvDocument(lines);
    }

    /** Whether a value starts with a quote it does not end with: the first line of an attempted multi-line value. */
    private static boolean opensQuote(Bytes value) {
        byte[] v = value.toArray();
        try {
            return v.length > 0 && (v[0] == '"' || v[0] == '\'') && (v.length == 1 || v[v.length - 1] != v[0]);
        } finally {
            java.util.Arrays.fill(v, (byte) 0);
        }
    }

    private static DotenvLine parseLine(byte[] text, int start, int end, String eol, String source, int lineNumber,
            boolean afterOpenQuote) throws DotenvSyntaxException {
        if (isBlank(text, start, end)) {
            return new DotenvLine.Blank(new String(text, start, end - start, StandardCharsets.US_ASCII), eol);
        }
        if (text[start] == '#') {
            return new DotenvLine.Comment(Bytes.of(text, start + 1, end), eol);
        }
        int equals = indexOf(text, (byte) '=', start);
        if (equals < 0 || equals >= end) {
            throw new DotenvSyntaxException(source, lineNumber, end - start + 1,
                    "expected KEY=value or a # comment, found no '='" + (afterOpenQuote
                            ? " (the value on the line before opens a quote: a dotenv value cannot span lines, write"
                            + " each newline as \\n inside one line)" : ""));
        }
        String key = decodeKey(text, start, equals, source, lineNumber);
        return new DotenvLine.Entry(key, unescape(text, equals + 1, end), eol);
    }

    private static String decodeKey(byte[] text, int start, int end, String source, int lineNumber)
            throws DotenvSyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new DotenvSyntaxException(source, lineNumber, 1, "the key is not valid UTF-8");
        }
    }

    /** Turns each two-byte sequence backslash-n into a line feed, scanning left to right as Go's Replace does. */
    static Bytes unescape(byte[] text, int start, int end) {
        byte[] out = new byte[end - start];
        int n = 0;
        int i = start;
        while (i < end) {
            if (text[i] == '\\' && i + 1 < end && text[i + 1] == 'n') {
                out[n++] = '\n';
                i += 2;
            } else {
                out[n++] = text[i++];
            }
        }
        return Bytes.of(out, 0, n);
    }

    private static boolean isBlank(byte[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text[i] != ' ' && text[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] text, byte wanted, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
