package dev.secrets.sops.store;

import dev.secrets.sops.Metadata;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sops} metadata of nested stores (YAML, JSON, INI, binary) as a mapping, and back. Reading goes
 * through the same flattened form as the dotenv store ({@link MetadataCodec}), so both accept the same files;
 * writing builds sops 3.13's sorted mapping and, when the file was read from disk, lays it out like the stored
 * one (key order, {@code null}/{@code []} placeholders of older releases), so a rewrite changes only
 * {@code lastmodified}, {@code mac} and what really changed.
 */
final class MetadataTree {
    private MetadataTree() {
    }

    /**
     * Metadata from the stored {@code sops} mapping.
     *
     * @throws SopsException.InvalidMetadata when it is malformed
     */
    static Metadata read(TreeValue.Mapping node) throws SopsException {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten(node, "", flat);
        return MetadataCodec.unflatten(flat);
    }

    private static void flatten(TreeValue value, String prefix, Map<String, String> out) throws SopsException {
        if (value instanceof TreeValue.Mapping m) {
            for (TreeItem item : m.items()) {
                String key;
                TreeValue v;
                if (item instanceof TreeItem.Entry e) {
                    key = e.key();
                    v = e.value();
                } else if (item instanceof TreeItem.Nested n) {
                    key = n.key();
                    v = n.value();
                } else {
                    continue;
                }
                flatten(v, prefix.isEmpty() ? key : prefix + "__map_" + key, out);
            }
        } else if (value instanceof TreeValue.Sequence s) {
            int i = 0;
            for (TreeValue element : s.items()) {
                if (!(element instanceof TreeItem.Comment)) {
                    flatten(element, prefix + "__list_" + i++, out);
                }
            }
        } else if (value instanceof Scalar scalar) {
            if (out.put(prefix, scalar.text()) != null) {
                throw new SopsException.InvalidMetadata("metadata key [" + prefix.replace("__map_", ".") + "] appears twice");
            }
        }
    }

    /** The {@code sops} mapping for {@code metadata}, laid out like {@code previous} when that is not null. */
    static TreeValue.Mapping write(Metadata metadata, TreeValue.Mapping previous) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : MetadataCodec.flatten(metadata)) {
            insert(root, FlatKey.parse(e.getKey()).path(), e.getValue());
        }
        TreeValue.Mapping built = (TreeValue.Mapping) toValue(root, "");
        if (previous == null) {
            return withEmptyGroupLists(built);
        }
        return (TreeValue.Mapping) orderLike(built, previous);
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> root, List<Object> path, String value) {
        Object node = root;
        for (int i = 0; i < path.size(); i++) {
            Object part = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = last ? value : path.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>();
            if (node instanceof Map) {
                node = ((Map<String, Object>) node).computeIfAbsent(part.toString(), k -> next);
            } else {
                List<Object> list = (List<Object>) node;
                int index = (Integer) part;
                while (list.size() <= index) {
                    list.add(null);
                }
                if (list.get(index) == null) {
                    list.set(index, next);
                }
                node = list.get(index);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeValue toValue(Object node, String name) {
        if (node instanceof Map) {
            List<TreeItem> items = new ArrayList<>();
            ((Map<String, Object>) node).forEach((k, v) -> items.add(TreeItem.of(k, toValue(v, k))));
            return new TreeValue.Mapping(items);
        }
        if (node instanceof List) {
            List<TreeValue> items = new ArrayList<>();
            ((List<Object>) node).forEach(v -> items.add(v == null ? new TreeValue.Null() : toValue(v, name)));
            return new TreeValue.Sequence(items);
        }
        String text = (String) node;
        if (name.equals("mac_only_encrypted")) {
            return Scalar.of(Scalar.BOOL, text);
        }
        if (name.equals("shamir_threshold")) {
            return Scalar.of(Scalar.INT, text);
        }
        return Scalar.str(text);
    }

    /** Sops 3.13 writes {@code age} and {@code hc_vault} in every key group even when empty. */
    private static TreeValue.Mapping withEmptyGroupLists(TreeValue.Mapping built) {
        List<TreeItem> items = new ArrayList<>();
        for (TreeItem item : built.items()) {
            if (item instanceof TreeItem.Nested n && n.key().equals("key_groups") && n.value() instanceof TreeValue.Sequence s) {
                List<TreeValue> groups = new ArrayList<>();
                for (TreeValue g : s.items()) {
                    groups.add(g instanceof TreeValue.Mapping m ? withLists(m, "age", "hc_vault") : g);
                }
                items.add(new TreeItem.Nested("key_groups", new TreeValue.Sequence(groups)));
            } else {
                items.add(item);
            }
        }
        return new TreeValue.Mapping(items);
    }

    private static TreeValue.Mapping withLists(TreeValue.Mapping group, String... names) {
        List<TreeItem> items = new ArrayList<>(group.items());
        for (String name : names) {
            if (items.stream().noneMatch(i -> name.equals(keyOf(i)))) {
                items.add(new TreeItem.Nested(name, new TreeValue.Sequence(List.of())));
            }
        }
        items.sort((a, b) -> keyOf(a).compareTo(keyOf(b)));
        return new TreeValue.Mapping(items);
    }

    /** {@code built}'s content in {@code previous}'s order; placeholders of {@code previous} kept. */
    static TreeValue orderLike(TreeValue built, TreeValue previous) {
        if (built instanceof TreeValue.Mapping b && previous instanceof TreeValue.Mapping p) {
            Map<String, TreeItem> byKey = new LinkedHashMap<>();
            b.items().forEach(i -> byKey.putIfAbsent(keyOf(i), i));
            List<TreeItem> out = new ArrayList<>();
            for (TreeItem old : p.items()) {
                String key = keyOf(old);
                TreeItem now = byKey.remove(key);
                if (now != null) {
                    out.add(TreeItem.of(key, orderLike(valueOf(now), valueOf(old))));
                } else if (old instanceof TreeItem.Nested n && isPlaceholder(n.value())) {
                    out.add(old);
                }
            }
            out.addAll(byKey.values());
            return new TreeValue.Mapping(out);
        }
        if (built instanceof TreeValue.Sequence b && previous instanceof TreeValue.Sequence p && !p.items().isEmpty()) {
            List<TreeValue> out = new ArrayList<>();
            for (int i = 0; i < b.items().size(); i++) {
                out.add(orderLike(b.items().get(i), p.items().get(Math.min(i, p.items().size() - 1))));
            }
            return new TreeValue.Sequence(out);
        }
        if (built instanceof Scalar b && previous instanceof Scalar p && b.text().equals(p.text())) {
            return p;
        }
        return built;
    }

    private static boolean isPlaceholder(TreeValue value) {
        return value instanceof TreeValue.Null || value instanceof TreeValue.Sequence s && s.items().isEmpty()
                || value instanceof TreeValue.Mapping m && m.items().isEmpty();
    }

    static String keyOf(TreeItem item) {
        if (item instanceof TreeItem.Entry e) {
            return e.key();
        }
        if (item instanceof TreeItem.Nested n) {
            return n.key();
        }
        return "";
    }

    static TreeValue valueOf(TreeItem item) {
        if (item instanceof TreeItem.Entry e) {
            return e.value();
        }
        if (item instanceof TreeItem.Nested n) {
            return n.value();
        }
        return new TreeValue.Null();
    }
}
