package dev.secrets.sops;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which values are encrypted: at most one of sops's six rules (default {@code unencrypted_suffix=_unencrypted}).
 *
 * @param kind which rule
 * @param value the suffix or regular expression
 */
public record CryptRule(Kind kind, String value) {
    /** The default rule when none is configured. */
    public static final CryptRule DEFAULT = new CryptRule(Kind.UNENCRYPTED_SUFFIX, "_unencrypted");

    /** The six rules, with their metadata names. */
    public enum Kind {
        /** Encrypted unless a key ends with the suffix. */
        UNENCRYPTED_SUFFIX("unencrypted_suffix"),
        /** Plain unless a key ends with the suffix. */
        ENCRYPTED_SUFFIX("encrypted_suffix"),
        /** Encrypted unless a key matches the regex. */
        UNENCRYPTED_REGEX("unencrypted_regex"),
        /** Plain unless a key matches the regex. */
        ENCRYPTED_REGEX("encrypted_regex"),
        /** Encrypted unless a preceding comment matches the regex. */
        UNENCRYPTED_COMMENT_REGEX("unencrypted_comment_regex"),
        /** Plain unless a preceding comment matches the regex. */
        ENCRYPTED_COMMENT_REGEX("encrypted_comment_regex");

        private final String metadataName;

        Kind(String metadataName) {
            this.metadataName = metadataName;
        }

        /** The name in metadata and {@code .sops.yaml}. */
        public String metadataName() {
            return metadataName;
        }

        /** The kind named {@code name} in metadata, or null. */
        public static Kind byMetadataName(String name) {
            for (Kind kind : values()) {
                if (kind.metadataName.equals(name)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * Checks a rule given by a user before it is used to encrypt. Sops treats an invalid regex as "matches
     * nothing", which with {@code encrypted_regex} silently leaves every value in plaintext; we refuse instead.
     *
     * @throws IllegalArgumentException naming the rule when its regex does not compile
     */
    public CryptRule validated() {
        if (isRegex()) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(kind.metadataName + " [" + value + "] is not a valid regular expression: "
                        + e.getDescription());
            }
            java.util.regex.Matcher beyond = BEYOND_RE2.matcher(value);
            if (beyond.find()) {
                // sops (Go RE2) cannot compile these and would treat the rule as "matches nothing": files written
                // with it would not open in sops.
                throw new IllegalArgumentException(kind.metadataName + " [" + value + "] uses [" + beyond.group()
                        + "], which sops's regular expressions (RE2) do not support");
            }
        }
        return this;
    }

    private boolean isRegex() {
        return kind != Kind.UNENCRYPTED_SUFFIX && kind != Kind.ENCRYPTED_SUFFIX;
    }

    /**
     * Whether the item at {@code path} is encrypted, given the comments seen since the last value
     * ({@code commentStack}, the item's own text last when it is a comment).
     */
    public boolean shouldEncrypt(List<String> path, List<String> commentStack, boolean isComment) {
        switch (kind) {
            case UNENCRYPTED_SUFFIX:
                return path.stream().noneMatch(k -> k.endsWith(value));
            case ENCRYPTED_SUFFIX:
                return path.stream().anyMatch(k -> k.endsWith(value));
            case UNENCRYPTED_REGEX:
                return path.stream().noneMatch(this::matches);
            case ENCRYPTED_REGEX:
                return path.stream().anyMatch(this::matches);
            case UNENCRYPTED_COMMENT_REGEX:
                return commentStack.stream().noneMatch(this::matches);
            case ENCRYPTED_COMMENT_REGEX:
                List<String> considered = isComment && !commentStack.isEmpty()
                        ? commentStack.subList(0, commentStack.size() - 1) : commentStack;
                return considered.stream().anyMatch(this::matches);
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    private boolean matches(String text) {
        Pattern pattern = COMPILED.computeIfAbsent(value, v -> {
            try {
                return Pattern.compile(v);
            } catch (PatternSyntaxException e) {
                return NEVER;
            }
        });
        return pattern != NEVER && pattern.matcher(text).find();
    }

    /** Lookarounds, atomic groups, backreferences and possessive quantifiers: Java has them, RE2 does not. */
    private static final Pattern BEYOND_RE2 = Pattern.compile("\\(\\?<?[=!]|\\(\\?>|\\\\[1-9]|\\\\k<|[*+?}]\\+");
    private static final Pattern NEVER = Pattern.compile("(?!)");
    private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();
}
