package dev.secrets.vcs;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Three-way merge of decrypted trees, per key. Each entry is a unit together with the comments and blank lines
 * just above it, named by its key and occurrence. A key changed on one side takes that side; changed the same
 * on both is fine; changed differently (or changed on one side and deleted on the other) is a conflict, left as
 * a {@link TreeConflicts} region. Our order is kept; keys only they added go after the key that precedes them
 * on their side. Comments merge the same way, except that two different edits of one comment keep ours.
 */
public final class KeyMerge {
    private KeyMerge() {
    }

    /**
     * The merged tree (sharing value objects with the inputs) and the conflicting keys in order.
     *
     * @param tree the merged plain tree
     * @param conflicts keys left as conflict regions
     */
    public record Result(SopsTree tree, List<String> conflicts) {
    }

    /** Labels for the two sides in conflict markers (branch names when git gives them). */
    public record Labels(String ours, String theirs) {
    }

    /** Merges {@code ours} and {@code theirs}, both descended from {@code base} (an empty tree when none). */
    public static Result merge(SopsTree base, SopsTree ours, SopsTree theirs, Labels labels) {
        Units b = Units.of(base);
        Units o = Units.of(ours);
        Units t = Units.of(theirs);
        List<Slot> out = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Unit mine : o.list) {
            Unit old = b.byId.get(mine.id);
            Unit other = t.byId.get(mine.id);
            if (other == null) {
                if (old == null || sameUnit(mine, old)) {
                    if (old == null) {
                        out.add(new Slot(mine.id, mine.items()));
                    }
                    continue;
                }
                conflicts.add(mine.entry.key());
                out.add(new Slot(mine.id, conflictItems(mine, null, labels)));
                continue;
            }
            List<TreeItem> picked = pick(mine.comments, other.comments, old == null ? null : old.comments,
                    KeyMerge::sameItems);
            List<TreeItem> comments = picked == null ? mine.comments : picked;
            TreeItem.Entry entry = pick(mine.entry, other.entry, old == null ? null : old.entry, KeyMerge::sameEntry);
            if (entry == null) {
                conflicts.add(mine.entry.key());
                out.add(new Slot(mine.id, conflictItems(new Unit(mine.id, comments, mine.entry), other, labels)));
            } else {
                out.add(new Slot(mine.id, concat(comments, entry)));
            }
        }
        for (int i = 0; i < t.list.size(); i++) {
            Unit theirsOnly = t.list.get(i);
            if (o.byId.containsKey(theirsOnly.id)) {
                continue;
            }
            Unit old = b.byId.get(theirsOnly.id);
            List<TreeItem> items;
            if (old == null) {
                items = theirsOnly.items();
            } else if (sameUnit(theirsOnly, old)) {
                continue;
            } else {
                conflicts.add(theirsOnly.entry.key());
                items = conflictItems(null, theirsOnly, labels);
            }
            out.add(insertionPoint(out, t.list, i), new Slot(theirsOnly.id, items));
        }
        List<TreeItem> merged = new ArrayList<>();
        out.forEach(slot -> merged.addAll(slot.items));
        List<TreeItem> tail = pick(o.tail, t.tail, b.tail, KeyMerge::sameItems);
        merged.addAll(tail == null ? o.tail : tail);
        return new Result(new SopsTree(merged), conflicts);
    }

    /** Right after the nearest unit that precedes {@code list.get(index)} on its side and is in {@code out}. */
    private static int insertionPoint(List<Slot> out, List<Unit> list, int index) {
        for (int j = index - 1; j >= 0; j--) {
            String id = list.get(j).id;
            for (int k = 0; k < out.size(); k++) {
                if (out.get(k).id.equals(id)) {
                    return k + 1;
                }
            }
        }
        return 0;
    }

    private static List<TreeItem> conflictItems(Unit mine, Unit other, Labels labels) {
        List<TreeItem> items = new ArrayList<>(mine != null ? mine.comments : other.comments);
        String key = mine != null ? mine.entry.key() : other.entry.key();
        items.addAll(TreeConflicts.region(key, mine == null ? null : mine.entry, other == null ? null : other.entry,
                labels.ours(), labels.theirs()));
        return items;
    }

    /** The three-way choice: ours when equal or they did not change it, theirs when we did not; else null. */
    private static <T> T pick(T ours, T theirs, T base, java.util.function.BiPredicate<T, T> same) {
        if (same.test(ours, theirs)) {
            return ours;
        }
        if (base != null && same.test(ours, base)) {
            return theirs;
        }
        if (base != null && same.test(theirs, base)) {
            return ours;
        }
        return null;
    }

    private static boolean sameUnit(Unit a, Unit b) {
        return sameEntry(a.entry, b.entry) && sameItems(a.comments, b.comments);
    }

    private static boolean sameEntry(TreeItem.Entry a, TreeItem.Entry b) {
        return a.key().equals(b.key()) && sameScalar(a.value(), b.value());
    }

    private static boolean sameScalar(Scalar a, Scalar b) {
        byte[] x = a.bytes();
        byte[] y = b.bytes();
        try {
            return a.type().equals(b.type()) && Arrays.equals(x, y);
        } finally {
            Arrays.fill(x, (byte) 0);
            Arrays.fill(y, (byte) 0);
        }
    }

    private static boolean sameItems(List<TreeItem> a, List<TreeItem> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            TreeItem x = a.get(i);
            TreeItem y = b.get(i);
            boolean same = x instanceof TreeItem.Comment cx ? y instanceof TreeItem.Comment cy
                    && sameScalar(cx.value(), cy.value())
                    : x instanceof TreeItem.Entry ex ? y instanceof TreeItem.Entry ey && sameEntry(ex, ey)
                    : Objects.equals(x.getClass(), y.getClass());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static List<TreeItem> concat(List<TreeItem> comments, TreeItem.Entry entry) {
        List<TreeItem> items = new ArrayList<>(comments);
        items.add(entry);
        return items;
    }

    /** A slot of the output: the unit's id and the items it contributes. */
    private record Slot(String id, List<TreeItem> items) {
    }

    /** An entry with the comments and blank lines just above it; {@code id} is key and occurrence. */
    private record Unit(String id, List<TreeItem> comments, TreeItem.Entry entry) {
        List<TreeItem> items() {
            return concat(comments, entry);
        }
    }

    /** A tree cut into units, and what follows the last entry. */
    private static final class Units {
        final List<Unit> list = new ArrayList<>();
        final Map<String, Unit> byId = new HashMap<>();
        final List<TreeItem> tail = new ArrayList<>();

        static Units of(SopsTree tree) {
            Units units = new Units();
            Map<String, Integer> occurrences = new HashMap<>();
            for (TreeItem item : tree.items()) {
                if (item instanceof TreeItem.Entry entry) {
                    int n = occurrences.merge(entry.key(), 1, Integer::sum);
                    Unit unit = new Unit(entry.key() + "\u0000" + n, List.copyOf(units.tail), entry);
                    units.tail.clear();
                    units.list.add(unit);
                    units.byId.put(unit.id, unit);
                } else {
                    units.tail.add(item);
                }
            }
            return units;
        }
    }
}
