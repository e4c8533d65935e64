package dev.secrets.vcs;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The merge driver's conflict regions inside a decrypted tree: marker comments around both sides' entries of
 * a key, so the file stays a valid encrypted file that {@code secrets edit} opens with both values in view.
 */
public final class TreeConflicts {
    static final String OPEN = "<<<<<<< secrets: conflict in [";
    static final String MIDDLE = "======= ";
    static final String CLOSE = ">>>>>>> end of conflict in [";

    private TreeConflicts() {
    }

    /**
     * The items of one conflict region for {@code key}: a marker, our entry (if we kept it), a marker, their
     * entry (if they kept it), a marker.
     */
    static List<TreeItem> region(String key, TreeItem.Entry ours, TreeItem.Entry theirs, String oursLabel,
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

    private static String side(String side, String label) {
        return label.equals(side) ? side : side + " (" + label + ")";
    }

    private static TreeItem.Comment comment(String text) {
        return new TreeItem.Comment(Scalar.of(Scalar.COMMENT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The keys with an unresolved conflict region in {@code plain}, in file order; empty when none. */
    public static List<String> keys(SopsTree plain) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (TreeItem item : plain.items()) {
            if (item instanceof TreeItem.Comment comment) {
                String text = comment.value().text();
                int end = text.lastIndexOf("], ours");
                if (text.startsWith(OPEN) && end >= OPEN.length()) {
                    keys.add(text.substring(OPEN.length(), end));
                }
            }
        }
        return new ArrayList<>(keys);
    }

    /** The error for a file named {@code source} that still has conflict regions on {@code keys}. */
    public static MergeConflictException error(String source, List<String> keys) {
        return new MergeConflictException("[" + source + "] has an unresolved merge conflict on keys " + keys,
                keys, "run 'secrets edit " + source + "', keep one value of each key and delete the marker lines, "
                        + "then 'git add " + source + "'");
    }
}
