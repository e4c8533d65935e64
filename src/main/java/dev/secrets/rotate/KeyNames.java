package dev.secrets.rotate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a playbook may give a value of the file: a variable-like top-level key ({@code DB_PASSWORD}), or a
 * sops path into a nested file ({@code ["db"]["password"]}, {@code ['db']['hosts'][0]}), kept in one canonical
 * spelling (double quotes) so the playbook, the command line and the file's values agree.
 */
public final class KeyNames {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Pattern COMPONENT = Pattern.compile("\\[(?:\"([^\"\\]\\[]*)\"|'([^'\\]\\[]*)'|(\\d{1,9}))\\]");

    private KeyNames() {
    }

    /** True when {@code name} is a plain key or a well-formed path starting with a quoted key. */
    public static boolean valid(String name) {
        return canonical(name) != null;
    }

    /** The canonical spelling of {@code name}, or null when it is neither a plain key nor a path. */
    public static String canonical(String name) {
        if (PLAIN.matcher(name).matches()) {
            return name;
        }
        if (!name.startsWith("[\"") && !name.startsWith("['")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = COMPONENT.matcher(name);
        int at = 0;
        while (at < name.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            if (m.group(3) != null) {
                out.append('[').append(Integer.parseInt(m.group(3))).append(']');
            } else {
                out.append("[\"").append(m.group(1) != null ? m.group(1) : m.group(2)).append("\"]");
            }
            at = m.end();
        }
        return out.toString();
    }
}
