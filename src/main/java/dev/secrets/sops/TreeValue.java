package dev.secrets.sops;

import java.util.List;

/**
 * A value in the SOPS tree: a {@link Scalar} leaf, a nested {@link Mapping}, a {@link Sequence}, a
 * {@link Null} (never encrypted nor hashed, as sops skips {@code nil}), or, inside a sequence, a
 * {@link TreeItem.Comment}. Flat stores (dotenv) only ever hold scalars.
 */
public sealed interface TreeValue permits Scalar, TreeItem.Comment, TreeValue.Mapping, TreeValue.Sequence,
        TreeValue.Null {

    /** A nested mapping: its items in order (entries, nested entries, comments), duplicates allowed. */
    record Mapping(List<TreeItem> items) implements TreeValue {
        /** Copies {@code items}. */
        public Mapping {
            items = List.copyOf(items);
        }
    }

    /** A list: its elements in order; comments between elements are {@link TreeItem.Comment}s. */
    record Sequence(List<TreeValue> items) implements TreeValue {
        /** Copies {@code items}. */
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** An explicit null (YAML {@code ~}/{@code null}, JSON {@code null}). */
    record Null() implements TreeValue {
    }

    /** Zeroes every scalar below {@code value}. */
    static void wipe(TreeValue value) {
        if (value instanceof Scalar s) {
            s.wipe();
        } else if (value instanceof TreeItem.Comment c) {
            c.value().wipe();
        } else if (value instanceof Mapping m) {
            SopsTree.wipe(m.items());
        } else if (value instanceof Sequence s) {
            s.items().forEach(TreeValue::wipe);
        }
    }
}
