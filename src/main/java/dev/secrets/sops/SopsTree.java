package dev.secrets.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SOPS document's data: ordered branches of items (duplicates allowed, as in sops). Every store but YAML has
 * exactly one branch ({@link #items()}); a YAML stream has one per document, and the MAC covers them all.
 *
 * @param items the first (usually only) branch
 * @param moreBranches the branches of further YAML documents
 */
public record SopsTree(List<TreeItem> items, List<List<TreeItem>> moreBranches) {
    /** Copies the lists. */
    public SopsTree {
        items = List.copyOf(items);
        List<List<TreeItem>> more = new ArrayList<>();
        moreBranches.forEach(b -> more.add(List.copyOf(b)));
        moreBranches = List.copyOf(more);
    }

    /** A one-branch tree. */
    public SopsTree(List<TreeItem> items) {
        this(items, List.of());
    }

    /** This tree with its first branch replaced by {@code firstBranch}; the other YAML documents are kept. */
    public SopsTree withItems(List<TreeItem> firstBranch) {
        return new SopsTree(firstBranch, moreBranches);
    }

    /** A tree of the given branches (at least one). */
    public static SopsTree ofBranches(List<List<TreeItem>> branches) {
        return new SopsTree(branches.get(0), branches.subList(1, branches.size()));
    }

    /** Every branch in order. */
    public List<List<TreeItem>> branches() {
        List<List<TreeItem>> all = new ArrayList<>();
        all.add(items);
        all.addAll(moreBranches);
        return all;
    }

    /** The top-level scalar entries of the first branch, in order. */
    public List<TreeItem.Entry> entries() {
        List<TreeItem.Entry> entries = new ArrayList<>();
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Entry entry) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The first entry named {@code key}. */
    public Optional<TreeItem.Entry> first(String key) {
        return entries().stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** True when some top-level value of the first branch is a mapping or a list. */
    public boolean hasNestedValues() {
        return items.stream().anyMatch(i -> i instanceof TreeItem.Nested n && !(n.value() instanceof TreeValue.Null));
    }

    /** Zeroes every value: call on plaintext trees when done. */
    public void wipe() {
        branches().forEach(SopsTree::wipe);
    }

    static void wipe(List<TreeItem> items) {
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Entry entry) {
                entry.value().wipe();
            } else if (item instanceof TreeItem.Comment comment) {
                comment.value().wipe();
            } else if (item instanceof TreeItem.Nested nested) {
                TreeValue.wipe(nested.value());
            }
        }
    }
}
