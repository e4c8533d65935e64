package dev.secrets.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A SOPS document's data: one ordered branch of items (duplicates allowed, as in sops). */
public record SopsTree(List<TreeItem> items) {
    /** Copies {@code items}. */
    public SopsTree {
        items = List.copyOf(items);
    }

    /** The entries in order. */
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

    /** Zeroes every value: call on plaintext trees when done. */
    public void wipe() {
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Entry entry) {
                entry.value().wipe();
            } else if (item instanceof TreeItem.Comment comment) {
                comment.value().wipe();
            }
        }
    }
}
