package dev.secrets.audit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names for recipients, read from comments: in {@code .sops.yaml} a recipient followed by {@code # alice} on its
 * line, or a comment line {@code # alice: age1...}; in an age key file the {@code # public key: age1...} line
 * names that recipient after the file. Reads text only; never fails.
 */
public final class RecipientNames {
    private static final Pattern RECIPIENT = Pattern.compile("(age1[0-9a-z]{20,}|ssh-(?:ed25519|rsa) [A-Za-z0-9+/=]+)");
    private static final Pattern TRAILING = Pattern.compile("#\\s*([^#]*?)\\s*$");
    private static final Pattern LEADING = Pattern.compile("^\\s*#\\s*([^:#]+?)\\s*:\\s*(age1[0-9a-z]{20,})");
    private static final int MAX_NAME = 80;

    private RecipientNames() {
    }

    /** The names {@code text} (a {@code .sops.yaml}) gives to recipients. */
    public static Map<String, String> fromConfig(byte[] text) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            Matcher leading = LEADING.matcher(line);
            if (leading.find()) {
                put(names, leading.group(2), leading.group(1));
                continue;
            }
            int hash = line.indexOf('#');
            if (hash <= 0) {
                continue;
            }
            Matcher recipient = RECIPIENT.matcher(line.substring(0, hash));
            Matcher comment = TRAILING.matcher(line.substring(hash));
            if (comment.find()) {
                String name = comment.group(1);
                while (recipient.find()) {
                    put(names, recipient.group(1), name);
                }
            }
        }
        return names;
    }

    /** The recipient an age key file names in its {@code # public key:} line, named {@code fileName}. */
    public static Map<String, String> fromKeyFile(byte[] text, String fileName) {
        Map<String, String> names = new LinkedHashMap<>();
        // Only comment lines are decoded: the key lines are private and must not become Strings.
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i < text.length && text[i] != '\n') {
                continue;
            }
            boolean comment = i > start && text[start] == '#';
            String line = comment ? new String(text, start, i - start, StandardCharsets.UTF_8) : "";
            start = i + 1;
            if (line.startsWith("# public key: ")) {
                Matcher recipient = RECIPIENT.matcher(line);
                if (recipient.find()) {
                    put(names, recipient.group(1), fileName);
                }
            }
        }
        return names;
    }

    private static void put(Map<String, String> names, String recipient, String name) {
        String clean = name.strip();
        if (!clean.isEmpty() && clean.length() <= MAX_NAME) {
            names.putIfAbsent(recipient, clean);
        }
    }
}
