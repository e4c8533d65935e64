package dev.secrets.cli;

/** Accepts a key as {@code KEY} or as sops's path form {@code ["KEY"]} / {@code ['KEY']}. */
final class KeyNames {
    private KeyNames() {
    }

    static String fromExtract(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() >= 4 && text.startsWith("[") && text.endsWith("]")) {
            String inner = text.substring(1, text.length() - 1);
            if (inner.contains("][")) {
                return text;
            }
            char q = inner.charAt(0);
            if ((q == '"' || q == '\'') && inner.length() >= 2 && inner.charAt(inner.length() - 1) == q) {
                return unescape(inner.substring(1, inner.length() - 1));
            }
        }
        return text;
    }

    /** Undoes {@code \"} and {@code \\} inside the quotes, as sops's path syntax allows. */
    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
