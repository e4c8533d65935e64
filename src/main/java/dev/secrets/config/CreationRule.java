package dev.secrets.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code creation_rules} entry of {@code .sops.yaml}, as plain data.
 *
 * @param index position in the file (0-based), for messages
 * @param pathRegex the {@code path_regex}, or empty to match every file
 * @param ageKeyGroups age recipients per key group (one group for the flat {@code age} field); a group naming only
 *     keys of other types has none
 * @param shamirThreshold the {@code shamir_threshold}, 0 when absent
 * @param cryptRules the encrypt/unencrypt selectors set by the rule, by metadata name (at most one)
 * @param macOnlyEncrypted the {@code mac_only_encrypted} flag
 * @param foreignKeyGroups per key group (same positions as {@code ageKeyGroups}), the keys of types secrets cannot
 *     wrap for, as {@code type identifier} ({@code pgp FBC7...}, {@code kms arn:aws:...})
 */
public record CreationRule(int index, String pathRegex, List<List<String>> ageKeyGroups, int shamirThreshold,
        Map<String, String> cryptRules, boolean macOnlyEncrypted, List<List<String>> foreignKeyGroups) {
    /** Copies the collections. */
    public CreationRule {
        ageKeyGroups = ageKeyGroups.stream().map(List::copyOf).toList();
        cryptRules = Map.copyOf(cryptRules);
        foreignKeyGroups = foreignKeyGroups.stream().map(List::copyOf).toList();
    }

    /** A rule with age recipients only. */
    public CreationRule(int index, String pathRegex, List<List<String>> ageKeyGroups, int shamirThreshold,
            Map<String, String> cryptRules, boolean macOnlyEncrypted) {
        this(index, pathRegex, ageKeyGroups, shamirThreshold, cryptRules, macOnlyEncrypted,
                ageKeyGroups.stream().map(g -> List.<String>of()).toList());
    }

    /** Every key of another type the rule names, in group order. */
    public List<String> foreignKeys() {
        return foreignKeyGroups.stream().flatMap(List::stream).toList();
    }

    /** Every recipient of every group. */
    public List<String> allRecipients() {
        return ageKeyGroups.stream().flatMap(List::stream).toList();
    }
}
