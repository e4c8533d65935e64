package dev.secrets.sops.store;

import dev.secrets.sops.SopsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads INI text as sops does through go-ini v1.67 with its default options plus non-unique sections: keys before
 * the first header go to a {@code DEFAULT} section (always present, first); comment lines ({@code #}, {@code ;})
 * and inline comments (from the first {@code #} or {@code ;} of an unquoted value) attach to the next section or
 * key; {@code =} or {@code :} separates key and value; {@code """…"""} and {@code `…`} values may span lines; a
 * value ending in {@code \} continues on the next line; one pair of surrounding quotes is removed; a repeated key
 * replaces the earlier value in place. Space is trimmed as Go trims it ({@link GoSpace}: Unicode spaces too). The
 * text is handled as bytes (ISO-8859-1), so values keep every byte.
 */
final class IniReader {
    /** A key of a section: its name, raw value bytes and the comment attached to it (may be empty). */
    record Key(String name, byte[] value, String comment) {
    }

    /** A section: its name, its comment (may be empty) and its keys in order. */
    record Section(String name, String comment, List<Key> keys) {
    }

    static final String DEFAULT_SECTION = "DEFAULT";

    private final String text;
    private final String source;
    private int pos;
    private int lineNumber;
    private boolean eof;
    private final StringBuilder comment = new StringBuilder();

    private IniReader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * The sections of {@code raw}, {@code DEFAULT} first.
     *
     * @throws SopsException.InvalidDocument naming the line of a line go-ini refuses (no delimiter, empty key or
     *     section name, unclosed section or quote); the line itself is never echoed
     */
    static List<Section> parse(byte[] raw, String source) throws SopsException.InvalidDocument {
        return new IniReader(new String(stripBom(raw), StandardCharsets.ISO_8859_1), source).sections();
    }

    private static byte[] stripBom(byte[] raw) {
        int skip = 0;
        if (raw.length >= 2 && ((raw[0] & 0xff) == 0xfe && (raw[1] & 0xff) == 0xff
                || (raw[0] & 0xff) == 0xff && (raw[1] & 0xff) == 0xfe)) {
            skip = 2;
        } else if (raw.length >= 3 && (raw[0] & 0xff) == 0xef && (raw[1] & 0xff) == 0xbb && (raw[2] & 0xff) == 0xbf) {
            skip = 3;
        }
        return java.util.Arrays.copyOfRange(raw, skip, raw.length);
    }

    private List<Section> sections() throws SopsException.InvalidDocument {
        List<Section> sections = new ArrayList<>();
        String name = DEFAULT_SECTION;
        String sectionComment = "";
        Map<String, Key> keys = new LinkedHashMap<>();
        int count = 1;
        while (!eof) {
            String line = trimLeft(readLine());
            if (line.isEmpty()) {
                continue;
            }
            char first = line.charAt(0);
            if (first == '#' || first == ';') {
                comment.append(line);
                continue;
            }
            if (first == '[') {
                int close = line.lastIndexOf(']');
                if (close < 0) {
                    throw invalid("a section header lacks its closing ]");
                }
                sections.add(new Section(utf8(name), sectionComment, List.copyOf(keys.values())));
                name = line.substring(1, close);
                if (name.isEmpty()) {
                    throw invalid("empty section name");
                }
                int c = indexOfAny(line, close + 1);
                if (c >= 0) {
                    comment.append(line, c, line.length());
                }
                sectionComment = takeComment();
                keys = new LinkedHashMap<>();
                count = 1;
                continue;
            }
            int[] offset = new int[1];
            String keyName = keyName(line, offset);
            if (keyName.equals("-")) {
                keyName = "#" + count++;
            }
            String value = value(line.substring(offset[0]));
            String decoded = utf8(keyName);
            keys.put(decoded, new Key(decoded, value.getBytes(StandardCharsets.ISO_8859_1), takeComment()));
        }
        sections.add(new Section(utf8(name), sectionComment, List.copyOf(keys.values())));
        return sections;
    }

    private String takeComment() {
        String c = utf8(trimSpace(comment.toString()));
        comment.setLength(0);
        return c;
    }

    private String keyName(String line, int[] offset) throws SopsException.InvalidDocument {
        String quote = null;
        if (line.charAt(0) == '"') {
            quote = line.length() > 6 && line.startsWith("\"\"\"") ? "\"\"\"" : "\"";
        } else if (line.charAt(0) == '`') {
            quote = "`";
        }
        if (quote != null) {
            int start = quote.length();
            int close = line.indexOf(quote, start);
            if (close < 0) {
                throw invalid("a quoted key lacks its closing quote");
            }
            int delimiter = indexOfDelimiter(line, close + start);
            if (delimiter < 0) {
                throw invalid("no = or : after the key");
            }
            offset[0] = delimiter + 1;
            String name = trimSpace(line.substring(start, close));
            if (name.isEmpty()) {
                throw invalid("empty key name");
            }
            return name;
        }
        int delimiter = indexOfDelimiter(line, 0);
        if (delimiter < 0) {
            throw invalid("not a section, a comment or a key = value line");
        }
        if (delimiter == 0) {
            throw invalid("empty key name");
        }
        offset[0] = delimiter + 1;
        return trimSpace(line.substring(0, delimiter));
    }

    private String value(String in) throws SopsException.InvalidDocument {
        String line = trimLeft(in);
        if (line.isEmpty()) {
            return "";
        }
        String quote = null;
        if (line.length() > 3 && line.startsWith("\"\"\"")) {
            quote = "\"\"\"";
        } else if (line.charAt(0) == '`') {
            quote = "`";
        }
        if (quote != null) {
            int start = quote.length();
            int close = line.substring(start).lastIndexOf(quote);
            if (close < 0) {
                return multiline(line.substring(start), quote);
            }
            return line.substring(start, close + start);
        }
        line = trimSpace(line);
        if (line.charAt(line.length() - 1) == '\\') {
            return continued(line.substring(0, line.length() - 1));
        }
        int c = indexOfAny(line, 0);
        if (c >= 0) {
            comment.append(line, c, line.length());
            line = trimSpace(line.substring(0, c));
        }
        if (surrounded(line, '\'') || surrounded(line, '"')) {
            line = line.substring(1, line.length() - 1);
        }
        return line;
    }

    private String multiline(String value, String quote) throws SopsException.InvalidDocument {
        int startLine = lineNumber;
        StringBuilder out = new StringBuilder(value);
        while (true) {
            String next = readLine();
            int close = next.lastIndexOf(quote);
            if (close >= 0) {
                out.append(next, 0, close);
                int c = indexOfAny(next, close);
                if (c >= 0) {
                    comment.append(trimSpace(next.substring(c)));
                }
                return out.toString();
            }
            out.append(next);
            if (eof) {
                lineNumber = startLine;
                throw invalid("a " + quote + " quoted value is never closed");
            }
        }
    }

    private String continued(String value) {
        StringBuilder out = new StringBuilder(value);
        while (true) {
            String next = trimSpace(readLine());
            if (next.isEmpty()) {
                return out.toString();
            }
            out.append(next);
            if (out.charAt(out.length() - 1) != '\\') {
                return out.toString();
            }
            out.setLength(out.length() - 1);
        }
    }

    private String readLine() {
        lineNumber++;
        int nl = text.indexOf('\n', pos);
        String line;
        if (nl < 0) {
            line = text.substring(pos);
            pos = text.length();
            eof = true;
        } else {
            line = text.substring(pos, nl + 1);
            pos = nl + 1;
        }
        return line;
    }

    private static boolean surrounded(String s, char quote) {
        return s.length() >= 2 && s.charAt(0) == quote && s.charAt(s.length() - 1) == quote
                && s.indexOf(quote, 1) == s.length() - 1;
    }

    private static int indexOfAny(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '#' || s.charAt(i) == ';') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfDelimiter(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '=' || s.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String trimLeft(String s) {
        return GoSpace.trimLeftBytes(s);
    }

    static String trimSpace(String s) {
        return GoSpace.trimBytes(s);
    }

    private static String utf8(String latin1) {
        return GoStrings.decode(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private SopsException.InvalidDocument invalid(String what) {
        return new SopsException.InvalidDocument("[" + source + "] line " + lineNumber + ": " + what);
    }
}
