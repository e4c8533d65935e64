package dev.secrets.vcs;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.TreeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The merge driver's conflict regions inside a decrypted tree, so the file stays a valid encrypted file that
 * {@code secrets edit} opens with both values in view: in a flat file, marker comments around both sides' entries
 * of a key; in a nested one, the value replaced by a mapping of {@value #OURS} and {@value #THEIRS} (or
 * {@code ...-deleted: null} for a side that deleted it), which the user replaces by one value; in INI, whose
 * sections hold plain values only, the entry replaced by {@code KEY.secrets-conflict-ours} and {@code
 * KEY.secrets-conflict-theirs} (a section by two sections so named), of which the user keeps one as {@code KEY}.
 */
public final class TreeConflicts {
    static final String OPEN = "<<<<<<< secrets: conflict in [";
    static final String MIDDLE = "======= ";
    static final String CLOSE = ">>>>>>> end of conflict in [";
    /** The key of our value in a marked mapping. */
    public static final String OURS = "secrets-conflict-ours";
    /** The key of their value in a marked mapping. */
    public static final String THEIRS = "secrets-conflict-theirs";
    private static final String MARK_PREFIX = "secrets-conflict-";
    private static final String DELETED = "-deleted";
    private static final String STRAY_MARKER = "(a marker line left over)";

    private TreeConflicts() {
    }

    /**
     * The items of one conflict region for {@code key}: a marker, our entry (if we kept it), a marker, their
     * entry (if they kept it), a marker.
     */
    static List<TreeItem> region(String key, TreeItem ours, TreeItem theirs, String oursLabel,
            String theirsLabel) {
        List<TreeItem> items = new ArrayList<>();
        items.add(comment(OPEN + key + "], " + side("ours", oursLabel) + (ours == null ? ": deleted" : "")
                + ", keep one value and delete these marker lines"));
        if (ours != null) {
            items.add(ours);
        }
        items.add(comment(MIDDLE + side("theirs", theirsLabel) + (theirs == null ? ": deleted" : "")));
        if (theirs != null) {
            items.add(theirs);
        }
        items.add(comment(CLOSE + key + "]"));
        return items;
    }

    /** The marked mapping that takes the place of {@code key}'s value: each side's value, or its deletion. */
    static TreeItem.Nested markedMapping(String key, TreeItem ours, TreeItem theirs) {
        return new TreeItem.Nested(key, new TreeValue.Mapping(List.of(marked(OURS, ours), marked(THEIRS, theirs))));
    }

    /**
     * The pair of items that takes the place of {@code key} in INI: {@code KEY.secrets-conflict-ours} and
     * {@code KEY.secrets-conflict-theirs} with each side's value (a section's whole mapping for a section), or
     * {@code ...-deleted} with an empty value (an empty section) for a side that deleted it.
     */
    static List<TreeItem> suffixedPair(String key, TreeItem ours, TreeItem theirs) {
        TreeItem kept = ours != null ? ours : theirs;
        return List.of(suffixed(key, OURS, ours, kept), suffixed(key, THEIRS, theirs, kept));
    }

    private static TreeItem suffixed(String key, String mark, TreeItem side, TreeItem kept) {
        String name = key + "." + mark;
        if (side == null) {
            return kept instanceof TreeItem.Nested ? new TreeItem.Nested(name + DELETED,
                    new TreeValue.Mapping(List.of())) : new TreeItem.Entry(name + DELETED, Scalar.str(""));
        }
        return side instanceof TreeItem.Entry e ? new TreeItem.Entry(name, e.value())
                : new TreeItem.Nested(name, ((TreeItem.Nested) side).value());
    }

    /** The key a suffixed conflict item stands for, or null when {@code key} is not one. */
    static String suffixedKey(String key) {
        int at = key.lastIndexOf("." + MARK_PREFIX);
        if (at <= 0) {
            return null;
        }
        String mark = key.substring(at + 1);
        return mark.equals(OURS) || mark.equals(THEIRS) || mark.equals(OURS + DELETED)
                || mark.equals(THEIRS + DELETED) ? key.substring(0, at) : null;
    }

    private static TreeItem marked(String name, TreeItem side) {
        if (side == null) {
            return new TreeItem.Nested(name + DELETED, new TreeValue.Null());
        }
        return side instanceof TreeItem.Entry e ? new TreeItem.Entry(name, e.value())
                : new TreeItem.Nested(name, ((TreeItem.Nested) side).value());
    }

    /** How a conflict at {@code path} is named: a top-level key as it is, a deeper one in sops's path syntax. */
    static String name(List<Object> path) {
        return path.size() == 1 && !TreePath.isBracketed((String) path.get(0)) ? (String) path.get(0)
                : new TreePath(path).toString();
    }

    private static String side(String side, String label) {
        return label.equals(side) ? side : side + " (" + label + ")";
    }

    private static TreeItem.Comment comment(String text) {
        return new TreeItem.Comment(Scalar.of(Scalar.COMMENT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The keys (or paths) with an unresolved conflict region in {@code plain}, in file order; empty when none. */
    public static List<String> keys(SopsTree plain) {
        return collect(plain, false);
    }

    /**
     * Like {@link #keys} but also counting a region whose opening marker was deleted and other marker lines are
     * left: for {@code edit}, which must not save text that still has any of them.
     */
    public static List<String> marked(SopsTree plain) {
        return collect(plain, true);
    }

    private static List<String> collect(SopsTree plain, boolean anyMarker) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (List<TreeItem> branch : plain.branches()) {
            collect(branch, new ArrayList<>(), anyMarker, keys);
        }
        // A middle marker names no key: reported only when it is all that is left of a region.
        if (keys.size() > 1) {
            keys.remove(STRAY_MARKER);
        }
        return new ArrayList<>(keys);
    }

    private static void collect(List<TreeItem> items, List<Object> path, boolean anyMarker, Set<String> keys) {
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Comment comment) {
                String text = comment.value().text();
                int end = text.lastIndexOf("], ours");
                if (text.startsWith(OPEN) && end >= OPEN.length()) {
                    keys.add(text.substring(OPEN.length(), end));
                } else if (anyMarker && text.startsWith(CLOSE) && text.endsWith("]")) {
                    keys.add(text.substring(CLOSE.length(), text.length() - 1));
                } else if (anyMarker && (text.startsWith(MIDDLE + "theirs") || text.startsWith(OPEN))) {
                    keys.add(STRAY_MARKER);
                }
            }
            String suffixed = item instanceof TreeItem.Entry e ? suffixedKey(e.key())
                    : item instanceof TreeItem.Nested n ? suffixedKey(n.key()) : null;
            if (suffixed != null) {
                path.add(suffixed);
                keys.add(name(path));
                path.remove(path.size() - 1);
            } else if (item instanceof TreeItem.Nested nested && nested.value() instanceof TreeValue.Mapping m) {
                path.add(nested.key());
                if (m.items().stream().anyMatch(TreeConflicts::isMark)) {
                    keys.add(name(path));
                } else {
                    collect(m.items(), path, anyMarker, keys);
                }
                path.remove(path.size() - 1);
            }
        }
    }

    private static boolean isMark(TreeItem item) {
        return (item instanceof TreeItem.Entry e ? e.key()
                : item instanceof TreeItem.Nested n ? n.key() : "").startsWith(MARK_PREFIX);
    }

    /** The error for a file named {@code source} that still has conflict regions on {@code keys}. */
    public static MergeConflictException error(String source, List<String> keys) {
        return new MergeConflictException("[" + source + "] has an unresolved merge conflict on keys " + keys,
                keys, "run 'secrets edit " + source + "', keep one value of each key and delete the marker lines "
                        + "(in YAML or JSON: put one value in place of each " + OURS + "/" + THEIRS + " mapping; "
                        + "in INI: keep one of KEY." + OURS + " and KEY." + THEIRS + " and rename it KEY), "
                        + "then 'git add " + source + "'");
    }
}
