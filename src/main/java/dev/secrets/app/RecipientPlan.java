package dev.secrets.app;

import dev.secrets.config.CreationRule;
import dev.secrets.keys.WrappedKey;
import dev.secrets.sops.Metadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a file is encrypted for: age recipients per key group (one group holds the whole data key, two or more
 * hold Shamir shares) and the Shamir threshold as written to the metadata (0 when not set).
 *
 * @param groups recipients per key group, in order
 * @param threshold the threshold to record; meaningful only with two or more groups
 */
record RecipientPlan(List<List<String>> groups, int threshold) {
    RecipientPlan {
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** The recipients a creation rule names. */
    static RecipientPlan ofRule(CreationRule rule) throws UsageException {
        if (rule.ageKeyGroups().isEmpty() || rule.ageKeyGroups().stream().anyMatch(List::isEmpty)) {
            throw new UsageException(UsageException.Kind.NO_RECIPIENTS, "creation rule " + (rule.index() + 1)
                    + " has a key group without age recipients");
        }
        return new RecipientPlan(rule.ageKeyGroups(), rule.shamirThreshold());
    }

    /** The recipients a file is encrypted for now. */
    static RecipientPlan ofFile(Metadata metadata) {
        List<List<String>> groups = new ArrayList<>();
        for (List<WrappedKey> group : metadata.keyGroups()) {
            groups.add(group.stream().map(WrappedKey::recipient).toList());
        }
        return new RecipientPlan(groups, metadata.shamirThreshold());
    }

    /** The threshold to write into the metadata: 0 with one group, else the effective threshold. */
    int storedThreshold() {
        // Like sops: an unset threshold with several groups means all of them, and is written out.
        return effectiveThreshold();
    }

    /** The number of groups needed to rebuild the key (0 for a single group): an unset threshold means all. */
    int effectiveThreshold() {
        if (groups.size() <= 1) {
            return 0;
        }
        return threshold > 0 ? threshold : groups.size();
    }

    /** A copy with {@code recipient} added to the first group (unchanged when it is already there). */
    RecipientPlan adding(String recipient) {
        List<List<String>> out = new ArrayList<>(groups);
        if (out.isEmpty()) {
            out.add(List.of(recipient));
        } else if (!out.get(0).contains(recipient)) {
            List<String> first = new ArrayList<>(out.get(0));
            first.add(recipient);
            out.set(0, first);
        }
        return new RecipientPlan(out, threshold);
    }

    /** A copy without {@code recipient} in any group. */
    RecipientPlan removing(String recipient) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> group : groups) {
            out.add(group.stream().filter(r -> !r.equals(recipient)).toList());
        }
        return new RecipientPlan(out, threshold);
    }

    /** True when {@code recipient} is in some group. */
    boolean contains(String recipient) {
        return groups.stream().anyMatch(g -> g.contains(recipient));
    }
}
