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
            char q = inner.charAt(0);
            if ((q == '"' || q == '\'') && inner.charAt(inner.length() - 1) == q) {
                return inner.substring(1, inner.length() - 1);
            }
        }
        return text;
    }
}
