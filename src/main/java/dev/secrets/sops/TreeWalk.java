package dev.secrets.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a branch as sops's {@code walkBranch}/{@code walkSlice} do: depth first, in stored order; the path is the
 * map keys from the root (list indices are not part of it); comments are leaves under their container's path;
 * nulls and blank lines are skipped; a comment stack with one level per nesting depth, where a comment is pushed
 * before it is visited and every other item clears its level after it was visited.
 */
final class TreeWalk {
    /** What happens at each leaf; returns the leaf's replacement. */
    interface Visitor {
        TreeValue leaf(TreeValue leaf, List<String> path, List<String> comments, boolean isComment)
                throws SopsException;
    }

    private final Visitor visitor;

    TreeWalk(Visitor visitor) {
        this.visitor = visitor;
    }

    List<TreeItem> branch(List<TreeItem> in, List<String> path, List<List<String>> stack) throws SopsException {
        List<List<String>> levels = new ArrayList<>(stack);
        List<String> level = new ArrayList<>();
        levels.add(level);
        List<TreeItem> out = new ArrayList<>(in.size());
        for (TreeItem item : in) {
            if (item instanceof TreeItem.Comment comment) {
                level.add(comment.value().text());
                TreeValue v = visitor.leaf(comment, path, flat(levels), true);
                out.add((TreeItem.Comment) v);
            } else if (item instanceof TreeItem.Entry entry) {
                TreeValue v = visitor.leaf(entry.value(), append(path, entry.key()), flat(levels), false);
                out.add(new TreeItem.Entry(entry.key(), (Scalar) v));
                level.clear();
            } else if (item instanceof TreeItem.Nested nested) {
                out.add(new TreeItem.Nested(nested.key(), value(nested.value(), append(path, nested.key()), levels)));
                level.clear();
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private TreeValue value(TreeValue value, List<String> path, List<List<String>> stack) throws SopsException {
        if (value instanceof TreeValue.Mapping m) {
            return new TreeValue.Mapping(branch(m.items(), path, stack));
        }
        if (value instanceof TreeValue.Sequence s) {
            List<List<String>> levels = new ArrayList<>(stack);
            List<String> level = new ArrayList<>();
            levels.add(level);
            List<TreeValue> out = new ArrayList<>(s.items().size());
            for (TreeValue element : s.items()) {
                if (element instanceof TreeItem.Comment c) {
                    level.add(c.value().text());
                    out.add(visitor.leaf(c, path, flat(levels), true));
                } else {
                    out.add(element instanceof Scalar ? visitor.leaf(element, path, flat(levels), false)
                            : value(element, path, levels));
                    level.clear();
                }
            }
            return new TreeValue.Sequence(out);
        }
        return value;
    }

    private static List<String> append(List<String> path, String key) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(key);
        return out;
    }

    private static List<String> flat(List<List<String>> levels) {
        List<String> all = new ArrayList<>();
        levels.forEach(all::addAll);
        return all;
    }
}
