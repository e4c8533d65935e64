package dev.secrets.sops;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values and comments of an encrypted tree that are stored in clear although a rule says they must be
 * encrypted. Each rule is applied exactly as encryption applies it ({@link TreeWalk}: paths of map keys, the
 * comment stack), so the six selectors and the comment regexes mean here what they mean to sops. Empty values
 * are never encrypted (sops stores them as they are), so they are never reported. Only the stored text is
 * looked at: no key is needed, and a value is never part of the result.
 */
public final class ClearValues {
    private ClearValues() {
    }

    /**
     * One value or comment in clear against a rule.
     *
     * @param where the value's path ({@code ["db"]["password"]}, a plain {@code KEY} in a flat file), or for a
     *     comment the path of the mapping or list holding it ({@code ""} at the top level); a document after the
     *     first of a YAML stream is named as {@code document N: }
     * @param comment whether it is a comment
     * @param byFileRule whether the file's own rule says it must be encrypted (else only {@code other} does)
     */
    public record Finding(String where, boolean comment, boolean byFileRule) {
    }

    /**
     * What {@code stored} leaves in clear against {@code fileRule} (the file's metadata) or {@code other} (say, the
     * {@code .sops.yaml} creation rule for the file; null for none); {@code flat} names top-level keys plainly
     * ({@code KEY}, as dotenv files name them) rather than as {@code ["KEY"]}.
     */
    public static List<Finding> find(SopsTree stored, CryptRule fileRule, CryptRule other, boolean flat) {
        Map<Object, Boolean> marked = new IdentityHashMap<>();
        TreeWalk walk = new TreeWalk((leaf, path, comments, isComment) -> {
            String text = isComment ? ((TreeItem.Comment) leaf).value().text() : ((Scalar) leaf).text();
            if (text.isEmpty() || ValueCipher.looksEncrypted(text)) {
                return leaf;
            }
            boolean byFile = fileRule.shouldEncrypt(path, comments, isComment);
            if (!byFile && (other == null || !other.shouldEncrypt(path, comments, isComment))) {
                return leaf;
            }
            // A fresh object marks the leaf in the walked copy (parsers may share equal scalars).
            TreeValue mark = isComment ? new TreeItem.Comment(((TreeItem.Comment) leaf).value(),
                    ((TreeItem.Comment) leaf).inline()) : Scalar.of(((Scalar) leaf).type(), ((Scalar) leaf).bytes());
            marked.put(mark, byFile);
            return mark;
        });
        List<Finding> found = new ArrayList<>();
        List<List<TreeItem>> branches = stored.branches();
        for (int b = 0; b < branches.size(); b++) {
            List<TreeItem> walked;
            try {
                walked = walk.branch(branches.get(b), List.of(), List.of());
            } catch (SopsException e) {
                throw new IllegalStateException("this walk does not fail", e);
            }
            String prefix = b == 0 ? "" : "document " + (b + 1) + ": ";
            collect(walked, new ArrayList<>(), flat, prefix, marked, found);
        }
        return found;
    }

    private static void collect(List<TreeItem> items, List<Object> path, boolean flat, String prefix,
            Map<Object, Boolean> marked, List<Finding> found) {
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Entry e) {
                add(e.value(), child(path, e.key()), flat, prefix, marked, found, false);
            } else if (item instanceof TreeItem.Comment c) {
                add(c, path, flat, prefix, marked, found, true);
            } else if (item instanceof TreeItem.Nested n) {
                value(n.value(), child(path, n.key()), flat, prefix, marked, found);
            }
        }
    }

    private static void value(TreeValue value, List<Object> path, boolean flat, String prefix,
            Map<Object, Boolean> marked, List<Finding> found) {
        if (value instanceof TreeValue.Mapping m) {
            collect(m.items(), path, flat, prefix, marked, found);
        } else if (value instanceof TreeValue.Sequence s) {
            int index = 0;
            for (TreeValue element : s.items()) {
                if (element instanceof TreeItem.Comment c) {
                    add(c, path, flat, prefix, marked, found, true);
                } else if (element instanceof Scalar) {
                    add(element, child(path, index++), flat, prefix, marked, found, false);
                } else {
                    value(element, child(path, index++), flat, prefix, marked, found);
                }
            }
        }
    }

    private static void add(Object leaf, List<Object> path, boolean flat, String prefix, Map<Object, Boolean> marked,
            List<Finding> found, boolean comment) {
        Boolean byFile = marked.get(leaf);
        if (byFile != null) {
            String where = path.isEmpty() ? "" : flat && path.size() == 1 ? (String) path.get(0)
                    : new TreePath(path).toString();
            found.add(new Finding(prefix + where, comment, byFile));
        }
    }

    private static List<Object> child(List<Object> path, Object component) {
        List<Object> out = new ArrayList<>(path);
        out.add(component);
        return out;
    }
}
