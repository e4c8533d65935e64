package dev.secrets.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code creation_rules} entry of {@code .sops.yaml}, as plain data.
 *
 * @param index position in the file (0-based), for messages
 * @param pathRegex the {@code path_regex}, or empty to match every file
 * @param ageKeyGroups age recipients per key group (one group for the flat {@code age} field)
 * @param shamirThreshold the {@code shamir_threshold}, 0 when absent
 * @param cryptRules the encrypt/unencrypt selectors set by the rule, by metadata name (at most one)
 * @param macOnlyEncrypted the {@code mac_only_encrypted} flag
 */
public record CreationRule(int index, String pathRegex, List<List<String>> ageKeyGroups, int shamirThreshold,
        Map<String, String> cryptRules, boolean macOnlyEncrypted) {
    /** Copies the collections. */
    public CreationRule {
        ageKeyGroups = ageKeyGroups.stream().map(List::copyOf).toList();
        cryptRules = Map.copyOf(cryptRules);
    }

    /** Every recipient of every group. */
    public List<String> allRecipients() {
        return ageKeyGroups.stream().flatMap(List::stream).toList();
    }
}
