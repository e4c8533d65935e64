package dev.secrets.vcs;

import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paths whose values differ between two trees (changed, or present in one only), mappings compared key by
 * key at every depth and lists as whole values, as the merge treats them. Comments are not compared. On
 * encrypted trees under one data key this needs no key: an unchanged value keeps its ciphertext.
 */
public final class TreeDiff {
    private TreeDiff() {
    }

    /** The differing paths, in {@code a}'s order, then those only in {@code b}. */
    public static List<String> paths(SopsTree a, SopsTree b) {
        Set<String> out = new LinkedHashSet<>();
        List<List<TreeItem>> x = a.branches();
        List<List<TreeItem>> y = b.branches();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            diff(i < x.size() ? x.get(i) : List.of(), i < y.size() ? y.get(i) : List.of(), List.of(), out);
        }
        return new ArrayList<>(out);
    }

    private static void diff(List<TreeItem> a, List<TreeItem> b, List<Object> path, Set<String> out) {
        Map<String, TreeItem> x = byKey(a);
        Map<String, TreeItem> y = byKey(b);
        for (Map.Entry<String, TreeItem> e : x.entrySet()) {
            TreeItem other = y.get(e.getKey());
            List<Object> at = new ArrayList<>(path);
            at.add(e.getKey());
            if (e.getValue() instanceof TreeItem.Nested n && n.value() instanceof TreeValue.Mapping m
                    && other instanceof TreeItem.Nested on && on.value() instanceof TreeValue.Mapping om) {
                diff(m.items(), om.items(), at, out);
            } else if (other == null || !TreeEquality.sameItem(e.getValue(), other)) {
                out.add(TreeConflicts.name(at));
            }
        }
        for (String key : y.keySet()) {
            if (!x.containsKey(key)) {
                List<Object> at = new ArrayList<>(path);
                at.add(key);
                out.add(TreeConflicts.name(at));
            }
        }
    }

    private static Map<String, TreeItem> byKey(List<TreeItem> items) {
        Map<String, TreeItem> map = new LinkedHashMap<>();
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Entry e) {
                map.putIfAbsent(e.key(), item);
            } else if (item instanceof TreeItem.Nested n) {
                map.putIfAbsent(n.key(), item);
            }
        }
        return map;
    }
}
