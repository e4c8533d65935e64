package dev.secrets.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which values {@code encrypt} encrypts: at most one of sops's six selectors (an exclusive group). */
final class SelectorOptions {
    @Option(names = "--unencrypted-suffix", paramLabel = "SUFFIX", description = "Keys ending with SUFFIX stay plain (default _unencrypted).")
    String unencryptedSuffix;
    @Option(names = "--encrypted-suffix", paramLabel = "SUFFIX", description = "Only keys ending with SUFFIX are encrypted.")
    String encryptedSuffix;
    @Option(names = "--unencrypted-regex", paramLabel = "REGEX", description = "Keys matching REGEX stay plain.")
    String unencryptedRegex;
    @Option(names = "--encrypted-regex", paramLabel = "REGEX", description = "Only keys matching REGEX are encrypted.")
    String encryptedRegex;
    @Option(names = "--unencrypted-comment-regex", paramLabel = "REGEX",
            description = "Values after a comment matching REGEX stay plain (the comment too).")
    String unencryptedCommentRegex;
    @Option(names = "--encrypted-comment-regex", paramLabel = "REGEX",
            description = "Only values after a comment matching REGEX are encrypted.")
    String encryptedCommentRegex;

    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        putIf(map, "unencrypted_suffix", unencryptedSuffix);
        putIf(map, "encrypted_suffix", encryptedSuffix);
        putIf(map, "unencrypted_regex", unencryptedRegex);
        putIf(map, "encrypted_regex", encryptedRegex);
        putIf(map, "unencrypted_comment_regex", unencryptedCommentRegex);
        putIf(map, "encrypted_comment_regex", encryptedCommentRegex);
        return map;
    }

    private static void putIf(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
