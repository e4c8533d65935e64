package dev.secrets.vcs;

import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Three-way merge of decrypted trees, per path. Each entry of a mapping is a unit together with the comments and
 * blank lines just above it, named by its key and occurrence. A key changed on one side takes that side; changed
 * the same on both is fine; a mapping changed on both sides is merged key by key, one level down; any other
 * value changed differently (a scalar, a list as a whole, or a change against a deletion) is a conflict, left as
 * a {@link TreeConflicts} region. Our order is kept; keys only they added go after the key that precedes them on
 * their side. Comments merge the same way, except that two different edits of one comment keep ours.
 */
public final class KeyMerge {
    private KeyMerge() {
    }

    /**
     * The merged tree (sharing value objects with the inputs) and the conflicting paths in order.
     *
     * @param tree the merged plain tree
     * @param conflicts paths left as conflict regions: a top-level key by name, a deeper one in sops's path syntax
     */
    public record Result(SopsTree tree, List<String> conflicts) {
    }

    /** Labels for the two sides in conflict markers (branch names when git gives them). */
    public record Labels(String ours, String theirs) {
    }

    /**
     * How a conflict is left in the tree: between marker comments with both entries (flat stores, where a key
     * may repeat), or as a marked mapping in place of the value (nested stores: YAML refuses a repeated key and
     * JSON keeps no comments).
     */
    public enum Marking {
        /** Marker comments around both entries (dotenv). */
        COMMENTS,
        /** A mapping of {@code secrets-conflict-ours} and {@code secrets-conflict-theirs} (YAML, JSON). */
        MAPPING,
        /**
         * Two items in place of the one, named {@code KEY.secrets-conflict-ours} and {@code
         * KEY.secrets-conflict-theirs} (INI, whose sections hold plain values only and keep one value per key).
         */
        SUFFIXES
    }

    /** {@link #merge(SopsTree, SopsTree, SopsTree, Labels, Marking)} of a flat (dotenv) tree. */
    public static Result merge(SopsTree base, SopsTree ours, SopsTree theirs, Labels labels) {
        List<String> conflicts = new ArrayList<>();
        List<TreeItem> merged = new KeyMerge.Level(labels, Marking.COMMENTS, conflicts)
                .merge(base.items(), ours.items(), theirs.items(), List.of());
        return new Result(new SopsTree(merged), conflicts);
    }

    /**
     * Merges {@code ours} and {@code theirs}, both descended from {@code base} (an empty tree when none), each YAML
     * document with the same one of the other sides.
     *
     * @throws SopsException.UnsupportedFormat when both sides changed the number of YAML documents differently
     */
    public static Result merge(SopsTree base, SopsTree ours, SopsTree theirs, Labels labels, Marking marking)
            throws SopsException.UnsupportedFormat {
        List<List<TreeItem>> b = base.branches();
        List<List<TreeItem>> o = ours.branches();
        List<List<TreeItem>> t = theirs.branches();
        if (o.size() != t.size() || o.size() != b.size() && !base.items().isEmpty()) {
            throw new SopsException.UnsupportedFormat("the sides have different numbers of YAML documents ("
                    + b.size() + " in the base, " + o.size() + " in ours, " + t.size() + " in theirs)");
        }
        List<String> conflicts = new ArrayList<>();
        Level level = new Level(labels, marking, conflicts);
        List<List<TreeItem>> merged = new ArrayList<>();
        for (int i = 0; i < o.size(); i++) {
            merged.add(level.merge(i < b.size() ? b.get(i) : List.of(), o.get(i), t.get(i), List.of()));
        }
        return new Result(SopsTree.ofBranches(merged), conflicts);
    }

    /** The merge of one mapping's items at {@code path}, recursing into mappings changed on both sides. */
    private record Level(Labels labels, Marking marking, List<String> conflicts) {
        List<TreeItem> merge(List<TreeItem> base, List<TreeItem> ours, List<TreeItem> theirs, List<Object> path) {
            Units b = Units.of(base);
            Units o = Units.of(ours);
            Units t = Units.of(theirs);
            List<Slot> out = new ArrayList<>();
            for (Unit mine : o.list) {
                Unit old = b.byId.get(mine.id);
                Unit other = t.byId.get(mine.id);
                if (other == null) {
                    if (old == null) {
                        out.add(new Slot(mine.id, mine.items()));
                    } else if (!TreeEquality.sameUnit(mine.comments, mine.item, old.comments, old.item)) {
                        out.add(new Slot(mine.id, conflict(mine, null, path)));
                    }
                    continue;
                }
                List<TreeItem> picked = pick(mine.comments, other.comments, old == null ? null : old.comments,
                        TreeEquality::sameItems);
                List<TreeItem> comments = picked == null ? mine.comments : picked;
                TreeItem item = pick(mine.item, other.item, old == null ? null : old.item, TreeEquality::sameItem);
                if (item == null && mine.item instanceof TreeItem.Nested n && n.value() instanceof TreeValue.Mapping m
                        && other.item instanceof TreeItem.Nested on && on.value() instanceof TreeValue.Mapping om) {
                    List<TreeItem> oldItems = old != null && old.item instanceof TreeItem.Nested bn
                            && bn.value() instanceof TreeValue.Mapping bm ? bm.items() : List.of();
                    item = new TreeItem.Nested(n.key(), new TreeValue.Mapping(merge(oldItems, m.items(), om.items(),
                            append(path, n.key()))));
                }
                out.add(new Slot(mine.id, item == null ? conflict(new Unit(mine.id, comments, mine.item), other, path)
                        : concat(comments, item)));
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
                } else if (TreeEquality.sameUnit(theirsOnly.comments, theirsOnly.item, old.comments, old.item)) {
                    continue;
                } else {
                    items = conflict(null, theirsOnly, path);
                }
                out.add(insertionPoint(out, t.list, i), new Slot(theirsOnly.id, items));
            }
            List<TreeItem> merged = new ArrayList<>();
            out.forEach(slot -> merged.addAll(slot.items));
            List<TreeItem> tail = pick(o.tail, t.tail, b.tail, TreeEquality::sameItems);
            merged.addAll(tail == null ? o.tail : tail);
            return merged;
        }

        private List<TreeItem> conflict(Unit mine, Unit other, List<Object> path) {
            List<TreeItem> items = new ArrayList<>(mine != null ? mine.comments : other.comments);
            String key = Units.key(mine != null ? mine.item : other.item);
            List<Object> at = append(path, key);
            String name = TreeConflicts.name(at);
            conflicts.add(name);
            TreeItem ours = mine == null ? null : mine.item;
            TreeItem theirs = other == null ? null : other.item;
            if (marking == Marking.COMMENTS) {
                items.addAll(TreeConflicts.region(name, ours, theirs, labels.ours(), labels.theirs()));
            } else if (marking == Marking.MAPPING) {
                items.add(TreeConflicts.markedMapping(key, ours, theirs));
            } else {
                items.addAll(TreeConflicts.suffixedPair(key, ours, theirs));
            }
            return items;
        }
    }

    private static List<Object> append(List<Object> path, String key) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(key);
        return longer;
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

    private static List<TreeItem> concat(List<TreeItem> comments, TreeItem item) {
        List<TreeItem> items = new ArrayList<>(comments);
        items.add(item);
        return items;
    }

    /** A slot of the output: the unit's id and the items it contributes. */
    private record Slot(String id, List<TreeItem> items) {
    }

    /** An entry (scalar or nested) with the comments and blank lines above it; {@code id} is key and occurrence. */
    private record Unit(String id, List<TreeItem> comments, TreeItem item) {
        List<TreeItem> items() {
            return concat(comments, item);
        }
    }

    /** A mapping's items cut into units, and what follows the last entry. */
    private static final class Units {
        final List<Unit> list = new ArrayList<>();
        final Map<String, Unit> byId = new HashMap<>();
        final List<TreeItem> tail = new ArrayList<>();

        static Units of(List<TreeItem> items) {
            Units units = new Units();
            Map<String, Integer> occurrences = new HashMap<>();
            for (TreeItem item : items) {
                if (item instanceof TreeItem.Entry || item instanceof TreeItem.Nested) {
                    String key = key(item);
                    int n = occurrences.merge(key, 1, Integer::sum);
                    Unit unit = new Unit(key + "\u0000" + n, List.copyOf(units.tail), item);
                    units.tail.clear();
                    units.list.add(unit);
                    units.byId.put(unit.id, unit);
                } else {
                    units.tail.add(item);
                }
            }
            return units;
        }

        static String key(TreeItem item) {
            return item instanceof TreeItem.Entry e ? e.key() : ((TreeItem.Nested) item).key();
        }
    }
}
