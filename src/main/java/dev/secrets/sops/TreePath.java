package dev.secrets.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into the tree in sops's syntax, {@code ["a"][0]["b"]} (map keys in double or single quotes, list indices
 * as numbers), with sops's {@code Truncate}, {@code Set} and {@code Unset} semantics on the first branch. A text
 * not starting with {@code [} is one top-level key, so flat files keep their plain {@code KEY} form.
 *
 * @param components map keys (strings) and list indices (integers)
 */
public record TreePath(List<Object> components) {
    /** Copies the components. */
    public TreePath {
        components = List.copyOf(components);
    }

    /** True when {@code text} uses the bracket syntax. */
    public static boolean isBracketed(String text) {
        return text.startsWith("[");
    }

    /**
     * Parses {@code text} as sops's {@code parseTreePath} does.
     *
     * @throws IllegalArgumentException naming the bad component
     */
    public static TreePath parse(String text) {
        if (!isBracketed(text)) {
            return new TreePath(List.of(text));
        }
        List<Object> path = new ArrayList<>();
        for (String component : text.split("\\[", -1)) {
            if (component.isEmpty()) {
                continue;
            }
            if (!component.endsWith("]")) {
                throw new IllegalArgumentException("path component [" + component + "] does not end with ]");
            }
            String inner = component.substring(0, component.length() - 1);
            if (!inner.isEmpty() && (inner.charAt(0) == '"' || inner.charAt(0) == '\'')) {
                if (inner.length() < 2 || inner.charAt(inner.length() - 1) != inner.charAt(0)) {
                    throw new IllegalArgumentException("path component [" + component + "] lacks its closing quote");
                }
                path.add(inner.substring(1, inner.length() - 1));
            } else {
                try {
                    path.add(Integer.parseInt(inner));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("path component [" + component + "] is neither a quoted key "
                            + "nor a list index");
                }
            }
        }
        if (path.isEmpty() || !(path.get(0) instanceof String)) {
            throw new IllegalArgumentException("a path starts with a quoted key, as [\"key\"]");
        }
        return new TreePath(path);
    }

    /**
     * The plain dotted form of a path ({@code db.password}, {@code servers.0.host}) resolved against {@code tree}:
     * each part but the last must name a mapping's key or a list's index in it, so a flat file's key that merely
     * contains dots is never split. Null when {@code text} is bracketed, has no dot, is itself a top-level key, or
     * does not lead into the tree that way.
     */
    public static TreePath dotted(String text, SopsTree tree) {
        if (isBracketed(text) || !text.contains(".") || indexOfKey(tree.items(), text) >= 0) {
            return null;
        }
        List<Object> components = descend(text.split("\\.", -1), 0, new TreeValue.Mapping(tree.items()));
        return components == null ? null : new TreePath(components);
    }

    /**
     * The components for {@code parts[from..]} inside {@code node}: a key that exists whole wins (keys may contain
     * dots), else the longest prefix naming a mapping or list to go into, else — below the top — the rest as one
     * new key. Null when nothing under {@code node} fits.
     */
    private static List<Object> descend(String[] parts, int from, TreeValue node) {
        String rest = String.join(".", java.util.Arrays.asList(parts).subList(from, parts.length));
        Object whole = componentIn(node, rest);
        if (from > 0 && child(node, whole) != null) {
            return new ArrayList<>(List.of(whole));
        }
        for (int to = parts.length - 1; to > from; to--) {
            Object component = componentIn(node, String.join(".", java.util.Arrays.asList(parts).subList(from, to)));
            TreeValue next = child(node, component);
            if (next instanceof TreeValue.Mapping || next instanceof TreeValue.Sequence) {
                List<Object> below = descend(parts, to, next);
                if (below != null) {
                    below.add(0, component);
                    return below;
                }
            }
        }
        return from > 0 ? new ArrayList<>(List.of(whole)) : null;
    }

    /** {@code name} as a component of {@code node}: an index into a list when it is a number, else a key. */
    private static Object componentIn(TreeValue node, String name) {
        return node instanceof TreeValue.Sequence && name.matches("[0-9]{1,9}") ? (Object) Integer.valueOf(name) : name;
    }

    /**
     * {@code text} as a path into {@code tree}: the bracketed syntax, else the dotted form when it leads into the
     * tree ({@link #dotted}), else the one top-level key {@code text}.
     *
     * @throws IllegalArgumentException when the bracketed syntax is malformed
     */
    public static TreePath lookup(String text, SopsTree tree) {
        TreePath dotted = dotted(text, tree);
        return dotted != null ? dotted : parse(text);
    }

    /** The first component, a top-level key. */
    public String topKey() {
        return (String) components.get(0);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object c : components) {
            out.append(c instanceof Integer ? "[" + c + "]" : "[\"" + c + "\"]");
        }
        return out.toString();
    }

    /** The value at this path in the first branch, or null when there is none. */
    public TreeValue get(SopsTree tree) {
        TreeValue current = new TreeValue.Mapping(tree.items());
        for (Object c : components) {
            current = child(current, c);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static TreeValue child(TreeValue node, Object component) {
        if (node instanceof TreeValue.Mapping m && component instanceof String key) {
            int at = indexOfKey(m.items(), key);
            return at < 0 ? null : valueOf(m.items().get(at));
        } else if (node instanceof TreeValue.Sequence s && component instanceof Integer index) {
            int at = indexOfElement(s.items(), index);
            return at < 0 ? null : s.items().get(at);
        }
        return null;
    }

    /** Where the first entry or nested item named {@code key} is in {@code items}, or -1. */
    private static int indexOfKey(List<TreeItem> items, String key) {
        for (int i = 0; i < items.size(); i++) {
            TreeItem item = items.get(i);
            if (item instanceof TreeItem.Entry e ? e.key().equals(key)
                    : item instanceof TreeItem.Nested n && n.key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of an entry or nested item. */
    private static TreeValue valueOf(TreeItem item) {
        return item instanceof TreeItem.Entry e ? e.value() : ((TreeItem.Nested) item).value();
    }

    /** Where the {@code index}-th element (comments do not count) is in {@code items}, or -1. */
    private static int indexOfElement(List<TreeValue> items, int index) {
        int seen = -1;
        for (int i = 0; i < items.size() && index >= 0; i++) {
            if (!(items.get(i) instanceof TreeItem.Comment) && ++seen == index) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The tree with {@code value} at this path: the first match replaced in place, else appended, as sops.
     *
     * @throws IllegalArgumentException when a component does not fit its container (a key into a list, an index
     *     into a mapping), where sops would panic
     */
    public SopsTree set(SopsTree tree, TreeValue value) {
        TreeValue.Mapping root = (TreeValue.Mapping) set(new TreeValue.Mapping(tree.items()), 0, value);
        return new SopsTree(root.items(), tree.moreBranches());
    }

    private TreeValue set(TreeValue node, int depth, TreeValue value) {
        Object c = components.get(depth);
        boolean last = depth == components.size() - 1;
        if (node instanceof TreeValue.Mapping m && c instanceof String key) {
            List<TreeItem> items = new ArrayList<>(m.items());
            int at = indexOfKey(items, key);
            if (at >= 0) {
                items.set(at, TreeItem.of(key, last ? value : set(valueOf(items.get(at)), depth + 1, value)));
            } else {
                items.add(TreeItem.of(key, last ? value : fresh(depth + 1, value)));
            }
            return new TreeValue.Mapping(items);
        }
        if (node instanceof TreeValue.Sequence s && c instanceof Integer index) {
            List<TreeValue> items = new ArrayList<>(s.items());
            int at = indexOfElement(items, index);
            if (at < 0) {
                items.add(last ? value : fresh(depth + 1, value));
            } else {
                items.set(at, last ? value : set(items.get(at), depth + 1, value));
            }
            return new TreeValue.Sequence(items);
        }
        if (node instanceof TreeValue.Sequence || node instanceof TreeValue.Mapping) {
            // sops panics here; replacing the whole list or mapping with the new value would lose data.
            throw new IllegalArgumentException(new TreePath(components.subList(0, depth)) + " is a "
                    + (node instanceof TreeValue.Sequence ? "list: index it with a number, as [0]"
                    : "mapping: name its key in quotes, as [\"key\"]"));
        }
        return fresh(depth, value);
    }

    /** sops's {@code valueFromPathAndLeaf}: the containers the rest of the path needs, around {@code value}. */
    private TreeValue fresh(int depth, TreeValue value) {
        if (depth == components.size()) {
            return value;
        }
        TreeValue inner = fresh(depth + 1, value);
        Object c = components.get(depth);
        return c instanceof Integer ? new TreeValue.Sequence(List.of(inner))
                : new TreeValue.Mapping(List.of(TreeItem.of((String) c, inner)));
    }

    /** The tree without the first match of this path, or null when nothing matches. */
    public SopsTree unset(SopsTree tree) {
        TreeValue result = unset(new TreeValue.Mapping(tree.items()), 0);
        return result == null ? null : new SopsTree(((TreeValue.Mapping) result).items(), tree.moreBranches());
    }

    private TreeValue unset(TreeValue node, int depth) {
        Object c = components.get(depth);
        boolean last = depth == components.size() - 1;
        if (node instanceof TreeValue.Mapping m && c instanceof String key) {
            List<TreeItem> items = new ArrayList<>(m.items());
            int at = indexOfKey(items, key);
            if (at < 0) {
                return null;
            }
            if (last) {
                items.remove(at);
            } else {
                TreeValue changed = unset(valueOf(items.get(at)), depth + 1);
                if (changed == null) {
                    return null;
                }
                items.set(at, TreeItem.of(key, changed));
            }
            return new TreeValue.Mapping(items);
        }
        if (node instanceof TreeValue.Sequence s && c instanceof Integer index) {
            List<TreeValue> items = new ArrayList<>(s.items());
            int at = indexOfElement(items, index);
            if (at < 0) {
                return null;
            }
            if (last) {
                items.remove(at);
            } else {
                TreeValue changed = unset(items.get(at), depth + 1);
                if (changed == null) {
                    return null;
                }
                items.set(at, changed);
            }
            return new TreeValue.Sequence(items);
        }
        return null;
    }
}
