package dev.secrets.app;

import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreePath;
import java.util.List;

/**
 * How {@code get}, {@code set} and {@code unset} read their KEY against a file: sops's bracketed path, else the
 * dotted form where it leads into the file ({@link TreePath#dotted}), else — in an INI file, where every value
 * sits in a section — {@code section.key}, or a bare key in the {@code DEFAULT} section; else one top-level key.
 */
final class KeyPaths {
    private KeyPaths() {
    }

    /** The path {@code key} names in {@code tree} of {@code format}, or null for a plain top-level key. */
    static TreePath of(String key, SopsTree tree, String format) throws UsageException {
        if (TreePath.isBracketed(key)) {
            return TreeUpdate.path(key);
        }
        TreePath dotted = TreePath.dotted(key, tree);
        if (dotted != null) {
            return dotted;
        }
        if (format.equals("ini") && !isTopLevel(tree, key)) {
            int dot = key.indexOf('.');
            return dot > 0 && dot < key.length() - 1
                    ? new TreePath(List.of(key.substring(0, dot), key.substring(dot + 1)))
                    : new TreePath(List.of("DEFAULT", key));
        }
        return null;
    }

    private static boolean isTopLevel(SopsTree tree, String key) {
        return tree.items().stream().anyMatch(i -> i instanceof TreeItem.Entry e ? e.key().equals(key)
                : i instanceof TreeItem.Nested n && n.key().equals(key));
    }
}
