package dev.secrets.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values chosen to break naive quoting, shared by the round-trip tests of every format. */
final class NastyValues {
    private NastyValues() {
    }

    /** Name (a valid key in every format) to value. */
    static Map<String, String> all() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PLAIN", "hello");
        values.put("EMPTY", "");
        values.put("SINGLE_QUOTE", "it's");
        values.put("ONLY_SINGLE_QUOTE", "'");
        values.put("DOUBLE_QUOTE", "say \"hi\"");
        values.put("ONLY_DOUBLE_QUOTE", "\"");
        values.put("BOTH_QUOTES", "'\"'\"\"''");
        values.put("DOLLAR_VAR", "$HOME");
        values.put("DOLLAR_BRACED", "${PATH}");
        values.put("DOLLAR_DEFAULT", "${X:-default}${Y?err}");
        values.put("DOLLAR_DOUBLE", "$$ and $ alone and $1 and $");
        values.put("BACKTICKS", "`id` $(id)");
        values.put("BACKSLASH", "back\\slash");
        values.put("BACKSLASH_END", "ends with \\");
        values.put("BACKSLASH_QUOTE", "\\' \\\" \\\\");
        values.put("BACKSLASH_ESCAPES", "\\t\\r\\0123\\x41\\u0041\\$\\a");
        values.put("HASH", "#not a comment");
        values.put("SPACE_HASH", "value # not a comment");
        values.put("EQUALS", "a=b==c");
        values.put("NEWLINE", "line1\nline2\n");
        values.put("CRLF", "line1\r\nline2\r\n");
        values.put("CR_ONLY", "\r");
        values.put("TAB", "a\tb\t");
        values.put("UNICODE", "héllo wörld ✓ 日本語 \u00a0nbsp \u2028ls \u2029ps \u0085nel \ufeffbom");
        values.put("EMOJI", "🔑🐳 👩‍💻");
        values.put("LEADING_TRAILING_SPACES", "  padded  ");
        values.put("ONLY_SPACES", "   ");
        values.put("CONTROL", "\u0001\u001b[31mred\u007f");
        values.put("YAML_LOOKALIKE", "- [a, b]: {c: d} &anchor *alias !tag | > %");
        values.put("JSON_LOOKALIKE", "{\"hello\": \"json\"}");
        values.put("EXPORT_LIKE", "export FOO=bar; echo pwned");
        values.put("KEYWORDS", "true");
        values.put("NUMBER", "0123");
        values.put("NULL_WORD", "null");
        values.put("TILDE", "~");
        return values;
    }

    /** {@link #all()} as entries, in order. */
    static List<RenderEntry> entries() {
        List<RenderEntry> entries = new ArrayList<>();
        all().forEach((key, value) -> entries.add(RenderEntry.ofUtf8(key, value)));
        return entries;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
