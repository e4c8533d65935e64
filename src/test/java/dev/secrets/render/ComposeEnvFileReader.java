package dev.secrets.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only reader of docker compose {@code env_file}s, written from compose's documented rules so the
 * {@code docker} format can be checked without a {@code docker compose} binary.
 *
 * <p>Rules followed (docker docs, "Use an environment file" / ".env file syntax",
 * https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax, and where
 * the docs are silent the implementation they describe, compose-go v2 {@code dotenv/parser.go} and
 * {@code template/template.go}):
 * <ol>
 *   <li>Lines beginning with {@code #} are comments; blank lines are ignored; a leading {@code export } is
 *   dropped; a UTF-8 byte order mark at the start is skipped.</li>
 *   <li>Each statement is {@code KEY=VALUE} (or {@code KEY: VALUE}); a name holds letters, digits, {@code _},
 *   {@code .}, {@code -}, {@code [}, {@code ]}; spaces around {@code =} are dropped.</li>
 *   <li>Unquoted values end at the line end, lose an inline comment that starts with {@code " #"} and trailing
 *   white space, and are interpolated.</li>
 *   <li>Single-quoted values are literal; {@code \'} stands for {@code '}; they may span lines.</li>
 *   <li>Double-quoted values may span lines; {@code \"} stands for {@code "}; then the escapes {@code \a \b \f \n
 *   \r \t \v \\ \" \$} and octal {@code \0NNN} are applied ({@code \$} becomes {@code $$}), then the value is
 *   interpolated.</li>
 *   <li>Interpolation: {@code $$} is a literal {@code $}; {@code $NAME} and {@code ${NAME}} (NAME matching
 *   {@code [_a-zA-Z][_a-zA-Z0-9]*}) are replaced by the lookup's value or else an earlier value of the file; {@code ${NAME:-d}}
 *   and {@code ${NAME-d}} give defaults; a {@code $} not followed by a name or {@code {} stays. Other braced
 *   forms ({@code ?}, {@code +}) are not needed here and make this reader fail loudly.</li>
 *   <li>A key given twice: the last value wins.</li>
 * </ol>
 */
final class ComposeEnvFileReader {
    private static final Pattern ESCAPES = Pattern.compile("\\\\(?:[abcfnrtv$\"\\\\]|0\\d{0,3})");
    private static final Pattern INTERPOLATION = Pattern.compile(
            "\\$(?:(\\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\\{([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?-)([^}]*))?}|(\\{))");

    private final String src;
    private final Function<String, String> lookup;
    private final Map<String, String> out = new LinkedHashMap<>();
    private int pos;

    private ComposeEnvFileReader(String src, Function<String, String> lookup) {
        this.src = src.startsWith("\ufeff") ? src.substring(1) : src;
        this.lookup = lookup;
    }

    /** Reads {@code src}; variables not defined in the file are looked up in {@code lookup} (null: unset). */
    static Map<String, String> read(String src, Function<String, String> lookup) {
        ComposeEnvFileReader reader = new ComposeEnvFileReader(src, lookup);
        reader.parse();
        return reader.out;
    }

    /** Reads {@code src} with no outside variables. */
    static Map<String, String> read(String src) {
        return read(src, name -> null);
    }

    private void parse() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                return;
            }
            Matcher export = Pattern.compile("export[ \\t]+").matcher(src).region(pos, src.length());
            if (export.lookingAt()) {
                pos = export.end();
            }
            int keyStart = pos;
            while (pos < src.length() && "=:\n".indexOf(src.charAt(pos)) < 0) {
                char c = src.charAt(pos);
                if (!(Character.isLetterOrDigit(c) || "_.-[] \t".indexOf(c) >= 0)) {
                    throw new IllegalArgumentException("unexpected character in variable name at " + pos);
                }
                pos++;
            }
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new IllegalArgumentException("statement without '=' at " + keyStart);
            }
            String key = src.substring(keyStart, pos).strip();
            if (key.contains(" ") || key.contains("\t")) {
                throw new IllegalArgumentException("key cannot contain a space");
            }
            pos++;
            while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
                pos++;
            }
            out.put(key, value());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                int end = src.indexOf('\n', pos);
                pos = end < 0 ? src.length() : end;
            } else {
                return;
            }
        }
    }

    private String value() {
        char first = pos < src.length() ? src.charAt(pos) : '\n';
        if (first != '"' && first != '\'') {
            int end = src.indexOf('\n', pos);
            String raw = src.substring(pos, end < 0 ? src.length() : end);
            pos = end < 0 ? src.length() : end + 1;
            int comment = raw.indexOf(" #");
            if (comment >= 0) {
                raw = raw.substring(0, comment);
            }
            return interpolate(raw.stripTrailing());
        }
        StringBuilder chars = new StringBuilder();
        boolean escaped = false;
        for (int i = pos + 1; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c != first) {
                if (!escaped && c == '\\') {
                    escaped = true;
                    continue;
                }
                if (escaped) {
                    escaped = false;
                    chars.append('\\');
                }
                chars.append(c);
                continue;
            }
            if (escaped) {
                escaped = false;
                chars.append(c);
                continue;
            }
            pos = i + 1;
            return first == '"' ? interpolate(expandEscapes(chars.toString())) : chars.toString();
        }
        throw new IllegalArgumentException("unterminated quoted value");
    }

    private static String expandEscapes(String text) {
        return ESCAPES.matcher(text).replaceAll(match -> Matcher.quoteReplacement(unescape(match.group())));
    }

    private static String unescape(String escape) {
        switch (escape) {
            case "\\$": return "$$";
            case "\\a": return "\u0007";
            case "\\b": return "\b";
            case "\\f": return "\f";
            case "\\n": return "\n";
            case "\\r": return "\r";
            case "\\t": return "\t";
            case "\\v": return "\u000b";
            case "\\\"": return "\"";
            case "\\\\": return "\\";
            default:
                String digits = escape.substring(2);
                if (digits.length() == 3 && digits.chars().allMatch(c -> c >= '0' && c <= '7')
                        && Integer.parseInt(digits, 8) <= 255) {
                    return new String(Character.toChars(Integer.parseInt(digits, 8)));
                }
                return escape;
        }
    }

    private String interpolate(String text) {
        Matcher matcher = INTERPOLATION.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1) != null) {
                replacement = "$";
            } else if (matcher.group(6) != null) {
                throw new IllegalArgumentException("invalid template");
            } else {
                String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
                String value = lookup.apply(name) != null ? lookup.apply(name) : out.get(name);
                String operator = matcher.group(4);
                if (operator != null && (value == null || (operator.equals(":-") && value.isEmpty()))) {
                    value = matcher.group(5);
                }
                replacement = value == null ? "" : value;
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
