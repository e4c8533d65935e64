package dev.secrets.dotenv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the dotenv habits that sops's literal reading keeps as they are, so they do not pass silently: quotes
 * around a value (kept as part of it), {@code export KEY=} (the key is {@code export KEY}), spaces around
 * {@code =} (kept in the key or value), a trailing {@code # comment} (part of the value), and a key that appears
 * more than once (sops keeps every copy; {@code get}, {@code set} and {@code --extract} use the first, and
 * readers that load the file into a map keep the last). One line per finding, naming the file, line and key,
 * never the value. The semantics stay sops's: these are warnings, for compatibility.
 */
public final class DotenvPitfalls {
    private DotenvPitfalls() {
    }

    /** The warnings for {@code document}, read from {@code source}. */
    public static List<String> warnings(DotenvDocument document, String source) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        int lineNumber = 0;
        for (DotenvLine line : document.lines()) {
            lineNumber++;
            if (!(line instanceof DotenvLine.Entry entry)) {
                continue;
            }
            String at = "[" + source + ":" + lineNumber + "] key [" + entry.key().strip() + "]: ";
            String key = entry.key();
            byte[] value = entry.value().toArray();
            out.addAll(entryWarnings(key, value, at));
            Integer first = firstLine.putIfAbsent(key, lineNumber);
            if (first != null) {
                out.add(at + "appears again (first on line " + first + "): sops keeps both; get, set and --extract"
                        + " use the first, loaders that build a map use the last; keep one");
            }
            java.util.Arrays.fill(value, (byte) 0);
        }
        return out;
    }

    /**
     * The warnings for one entry ({@code key}, {@code value}), each line starting with {@code at}, which names
     * where the entry is; the value is read, never copied into a warning.
     */
    public static List<String> entryWarnings(String key, byte[] value, String at) {
        List<String> out = new ArrayList<>();
        if (key.startsWith("export ")) {
            out.add(at + "'export ' is kept as part of the key (sops reads dotenv literally); remove it");
        } else if (!key.equals(key.strip())) {
            out.add(at + "spaces around the key are kept as part of it; write KEY=value");
        }
        if (value.length > 0 && (value[0] == ' ' || value[0] == '\t')) {
            out.add(at + "the space after '=' is kept as part of the value; write KEY=value");
        }
        if (value.length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.length - 1] == value[0]) {
            out.add(at + "the quotes around the value are kept as part of it; write the value without them");
        } else if (value.length > 0 && (value[0] == '"' || value[0] == '\'')) {
            out.add(at + "the value starts with a quote that it does not end with: quotes are kept, and a value"
                    + " cannot span lines (write a newline as \\n)");
        }
        if (contains(value, " #")) {
            out.add(at + "' #' does not start a comment after a value: it is kept as part of the value");
        }
        return out;
    }

    private static boolean contains(byte[] value, String text) {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + t.length <= value.length; i++) {
            if (java.util.Arrays.equals(value, i, i + t.length, t, 0, t.length)) {
                return true;
            }
        }
        return false;
    }
}
