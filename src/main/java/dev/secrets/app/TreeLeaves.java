package dev.secrets.app;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.TreeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every scalar of a tree's first branch with its path, in stored order, for the commands that look at each value
 * of a file of any store (audits, completion): a flat file's entries are its top-level keys; a nested file's
 * values are named by their sops path. Comments and nulls are not values; duplicates are all visited.
 */
final class TreeLeaves {
    /** A map key that the plain dotted form ({@code db.password}) can spell, and a shell completes unquoted. */
    private static final Pattern DOTTABLE = Pattern.compile("[A-Za-z0-9_@%+,/-]+");

    private TreeLeaves() {
    }

    /** Receives each scalar. */
    interface Visitor {
        /** One scalar at {@code path}. */
        void leaf(TreePath path, Scalar value);
    }

    /** Visits every scalar of {@code tree}'s first branch. */
    static void each(SopsTree tree, Visitor visitor) {
        items(tree.items(), List.of(), visitor);
    }

    private static void items(List<TreeItem> items, List<Object> at, Visitor visitor) {
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Entry entry) {
                visitor.leaf(new TreePath(append(at, entry.key())), entry.value());
            } else if (item instanceof TreeItem.Nested nested) {
                value(nested.value(), append(at, nested.key()), visitor);
            }
        }
    }

    private static void value(TreeValue value, List<Object> at, Visitor visitor) {
        if (value instanceof Scalar scalar) {
            visitor.leaf(new TreePath(at), scalar);
        } else if (value instanceof TreeValue.Mapping mapping) {
            items(mapping.items(), at, visitor);
        } else if (value instanceof TreeValue.Sequence sequence) {
            int index = 0;
            for (TreeValue element : sequence.items()) {
                if (!(element instanceof TreeItem.Comment)) {
                    value(element, append(at, index++), visitor);
                }
            }
        }
    }

    private static List<Object> append(List<Object> at, Object component) {
        List<Object> out = new ArrayList<>(at.size() + 1);
        out.addAll(at);
        out.add(component);
        return out;
    }

    /** How reports name the value at {@code path}: a top-level key as it is, else sops's {@code ["a"][0]} path. */
    static String key(TreePath path) {
        return path.components().size() == 1 ? path.topKey() : path.toString();
    }

    /** The name that says what the value is ({@code password} of {@code ["db"]["password"]}): the last map key. */
    static String name(TreePath path) {
        for (int i = path.components().size() - 1; i >= 0; i--) {
            if (path.components().get(i) instanceof String key) {
                return key;
            }
        }
        return path.topKey();
    }

    /**
     * The spelling shell completion offers for {@code path}: a top-level key as it is; the dotted form
     * ({@code db.password}, {@code servers.0.host}) that get/set resolve, when every key is plain enough to need
     * no shell quoting; else sops's bracketed path, which the user quotes.
     */
    static String completion(TreePath path) {
        if (path.components().size() == 1) {
            return path.topKey();
        }
        StringBuilder dotted = new StringBuilder();
        for (Object c : path.components()) {
            if (c instanceof String key && !DOTTABLE.matcher(key).matches()) {
                return path.toString();
            }
            dotted.append(dotted.length() == 0 ? "" : ".").append(c);
        }
        return dotted.toString();
    }

    /** The scalar {@link #key} names in {@code tree}, if it is still there. */
    static Optional<Scalar> at(SopsTree tree, String key) {
        Optional<TreeItem.Entry> top = tree.first(key);
        if (top.isPresent() || !TreePath.isBracketed(key)) {
            return top.map(TreeItem.Entry::value);
        }
        try {
            return TreePath.parse(key).get(tree) instanceof Scalar s ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
