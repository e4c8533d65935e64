package dev.secrets.vcs;

import dev.secrets.sops.SopsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Three-way merge of a file's key groups (the recipients of each group and the Shamir threshold). A side that did
 * not change them takes the other side's; two sides that changed them are merged group by group, by position,
 * with {@link RecipientMerge}, when both kept the number of groups and did not set different thresholds.
 * Anything else is refused: groups cannot be matched up once their number differs, and a threshold is a policy
 * only a person can choose.
 */
public final class GroupMerge {
    private GroupMerge() {
    }

    /**
     * One side's key groups.
     *
     * @param recipients each group's recipients, in order
     * @param threshold the Shamir threshold as stored (0: not set)
     */
    public record Groups(List<List<String>> recipients, int threshold) {
        /** Copies the lists. */
        public Groups {
            List<List<String>> copy = new ArrayList<>();
            recipients.forEach(g -> copy.add(List.copyOf(g)));
            recipients = List.copyOf(copy);
        }
    }

    /**
     * The merged groups of {@code ours} and {@code theirs} descended from {@code base} (null for a file added on
     * both sides).
     *
     * @throws SopsException.UnsupportedFormat naming why, with the recipe, when the changes cannot be combined
     */
    public static Groups merge(Groups base, Groups ours, Groups theirs, String source)
            throws SopsException.UnsupportedFormat {
        if (ours.equals(theirs)) {
            return ours;
        }
        if (ours.equals(base)) {
            return theirs;
        }
        if (theirs.equals(base)) {
            return ours;
        }
        int n = ours.recipients().size();
        if (base == null || theirs.recipients().size() != n || base.recipients().size() != n) {
            throw refusal(source, "changed the key groups and their number differs ("
                    + (base == null ? "no base" : base.recipients().size() + " in the base") + ", " + n + " in ours, "
                    + theirs.recipients().size() + " in theirs), so they cannot be matched up");
        }
        int threshold = ours.threshold() == theirs.threshold() || theirs.threshold() == base.threshold()
                ? ours.threshold() : ours.threshold() == base.threshold() ? theirs.threshold() : -1;
        if (threshold < 0) {
            throw refusal(source, "set different Shamir thresholds (" + ours.threshold() + " in ours, "
                    + theirs.threshold() + " in theirs)");
        }
        List<List<String>> merged = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            List<String> group = RecipientMerge.merge(base.recipients().get(g), ours.recipients().get(g),
                    theirs.recipients().get(g)).recipients();
            if (group.isEmpty()) {
                throw refusal(source, "removed every recipient of key group " + (g + 1) + " between them");
            }
            merged.add(group);
        }
        return new Groups(merged, threshold);
    }

    private static SopsException.UnsupportedFormat refusal(String source, String why) {
        return new SopsException.UnsupportedFormat("[" + source + "] the two sides " + why + "; take one side "
                + "('git checkout --ours -- " + source + "'), set the key groups you want in .sops.yaml and run "
                + "'secrets updatekeys " + source + "', then redo the other side's value changes with 'secrets set'");
    }
}
