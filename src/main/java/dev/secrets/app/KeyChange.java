package dev.secrets.app;

import java.util.ArrayList;
import java.util.List;

/**
 * How a file's recipients change: per key group the recipients added and removed, the Shamir threshold before
 * and after, and whether the data key is replaced too. Holds only public recipient strings.
 *
 * @param groups one entry per key group that exists before or after (index 0 is the first group)
 * @param thresholdBefore groups needed to rebuild the key before (0 with one group)
 * @param thresholdAfter groups needed after (0 with one group)
 * @param rotatesDataKey true when a new data key is made and every value re-encrypted
 */
public record KeyChange(List<GroupChange> groups, int thresholdBefore, int thresholdAfter, boolean rotatesDataKey) {
    /** Copies the list. */
    public KeyChange {
        groups = List.copyOf(groups);
    }

    /**
     * One key group's change.
     *
     * @param index the group's position, 0-based
     * @param added recipients that gain access
     * @param removed recipients that lose access through this group
     */
    public record GroupChange(int index, List<String> added, List<String> removed) {
        /** Copies the lists. */
        public GroupChange {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        /** True when nothing is added or removed. */
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    /** The change from {@code before} to {@code after}; the data key is rotated as {@code rotatesDataKey} says. */
    static KeyChange between(RecipientPlan before, RecipientPlan after, boolean rotatesDataKey) {
        List<GroupChange> changes = new ArrayList<>();
        int count = Math.max(before.groups().size(), after.groups().size());
        for (int i = 0; i < count; i++) {
            // Keys of other types take part as "type identifier" (pgp FBC7...), after the age recipients.
            List<String> old = new ArrayList<>(i < before.groups().size() ? before.groups().get(i) : List.of());
            List<String> now = new ArrayList<>(i < after.groups().size() ? after.groups().get(i) : List.of());
            old.addAll(i < before.foreign().size() ? before.foreign().get(i) : List.of());
            now.addAll(i < after.foreign().size() ? after.foreign().get(i) : List.of());
            changes.add(new GroupChange(i, now.stream().filter(r -> !old.contains(r)).distinct().toList(),
                    old.stream().filter(r -> !now.contains(r)).distinct().toList()));
        }
        return new KeyChange(changes, before.effectiveThreshold(), after.effectiveThreshold(), rotatesDataKey);
    }

    /** True when no recipient is added or removed and the threshold is the same (order does not count). */
    public boolean recipientsUnchanged() {
        return groups.stream().allMatch(GroupChange::isEmpty) && thresholdBefore == thresholdAfter;
    }

    /** True when some recipient loses access through some group. */
    public boolean removesRecipients() {
        return groups.stream().anyMatch(g -> !g.removed().isEmpty());
    }

    /** A copy saying whether the data key is rotated. */
    KeyChange withDataKeyRotation(boolean rotate) {
        return new KeyChange(groups, thresholdBefore, thresholdAfter, rotate);
    }

    /** Lines for a person: {@code group 1: + age1...}, {@code group 1: - age1...}, threshold and data key. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        boolean several = groups.size() > 1;
        for (GroupChange group : groups) {
            String prefix = several ? "group " + (group.index() + 1) + ": " : "";
            group.added().forEach(r -> lines.add(prefix + "+ " + r));
            group.removed().forEach(r -> lines.add(prefix + "- "
                    + (r.isEmpty() ? "(a key whose recipient entry is missing)" : r)));
        }
        if (thresholdBefore != thresholdAfter) {
            lines.add("shamir threshold: " + thresholdBefore + " -> " + thresholdAfter);
        }
        lines.add(rotatesDataKey ? "data key: NEW (every value re-encrypted)" : "data key: kept (re-wrapped)");
        return lines;
    }
}
