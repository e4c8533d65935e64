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
 * @param groups age recipients per key group, in order
 * @param threshold the threshold to record; meaningful only with two or more groups
 * @param foreign per key group, the keys of other types (pgp, kms, ...) as {@code type identifier}; secrets cannot
 *     wrap for them, so a plan that adds one cannot be carried out here
 */
record RecipientPlan(List<List<String>> groups, int threshold, List<List<String>> foreign) {
    RecipientPlan {
        groups = groups.stream().map(List::copyOf).toList();
        List<List<String>> padded = new ArrayList<>(foreign.stream().map(List::copyOf).toList());
        while (padded.size() < groups.size()) {
            padded.add(List.of());
        }
        foreign = List.copyOf(padded);
    }

    /** Age recipients only. */
    RecipientPlan(List<List<String>> groups, int threshold) {
        this(groups, threshold, List.of());
    }

    /** The recipients a creation rule names, for a new file or a new data key: age recipients only. */
    static RecipientPlan ofRule(CreationRule rule) throws UsageException {
        if (!rule.foreignKeys().isEmpty()) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "creation rule " + (rule.index() + 1)
                    + " also names " + rule.foreignKeys().get(0) + " (" + String.join(" and ", new java.util.TreeSet<>(
                            rule.foreignKeys().stream().map(k -> k.substring(0, k.indexOf(' '))).toList()))
                    + " keys), which secrets cannot wrap a data key for; secrets supports age recipients only");
        }
        if (rule.ageKeyGroups().isEmpty() || rule.ageKeyGroups().stream().anyMatch(List::isEmpty)) {
            throw new UsageException(UsageException.Kind.NO_RECIPIENTS, "creation rule " + (rule.index() + 1)
                    + " has a key group without age recipients");
        }
        return new RecipientPlan(rule.ageKeyGroups(), rule.shamirThreshold());
    }

    /**
     * Every key a creation rule names, other types included, for comparing with a file that already holds
     * keys of those types; each group must name some key.
     */
    static RecipientPlan ofRuleWithForeign(CreationRule rule) throws UsageException {
        if (rule.foreignKeys().isEmpty()) {
            return ofRule(rule);
        }
        for (int g = 0; g < rule.ageKeyGroups().size(); g++) {
            if (rule.ageKeyGroups().get(g).isEmpty() && rule.foreignKeyGroups().get(g).isEmpty()) {
                throw new UsageException(UsageException.Kind.NO_RECIPIENTS, "creation rule " + (rule.index() + 1)
                        + " has an empty key group");
            }
        }
        return new RecipientPlan(rule.ageKeyGroups(), rule.shamirThreshold(), rule.foreignKeyGroups());
    }

    /** The keys a file is encrypted for now, those of other types included. */
    static RecipientPlan ofFile(Metadata metadata) {
        List<List<String>> groups = new ArrayList<>();
        List<List<String>> foreign = new ArrayList<>();
        for (int g = 0; g < metadata.keyGroups().size(); g++) {
            groups.add(metadata.keyGroups().get(g).stream().map(WrappedKey::recipient).toList());
            foreign.add(metadata.foreignKeys(g).stream().map(dev.secrets.sops.ForeignKey::label).toList());
        }
        return new RecipientPlan(groups, metadata.shamirThreshold(), foreign);
    }

    /** True when some group holds a key of another type. */
    boolean hasForeign() {
        return foreign.stream().anyMatch(g -> !g.isEmpty());
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
        return new RecipientPlan(out, threshold, foreign);
    }

    /** A copy without {@code recipient} in any group. */
    RecipientPlan removing(String recipient) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> group : groups) {
            out.add(group.stream().filter(r -> !r.equals(recipient)).toList());
        }
        return new RecipientPlan(out, threshold, foreign);
    }

    /** True when {@code recipient} is in some group. */
    boolean contains(String recipient) {
        return groups.stream().anyMatch(g -> g.contains(recipient));
    }
}
