package dev.secrets.sops.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A flattened metadata key such as {@code age__list_0__map_enc}, split into its path: map keys (strings) and
 * list indices (integers), and ordered as sops 3.13 writes them (each level sorted, indices numerically).
 */
record FlatKey(String text, List<Object> path) implements Comparable<FlatKey> {
    private static final String MAP = "__map_";
    private static final String LIST = "__list_";

    /** Parses {@code text} (without the {@code sops_} prefix); null when a list index is not a number. */
    static FlatKey parse(String text) {
        List<Object> path = new ArrayList<>();
        int i = nextSeparator(text, 0);
        path.add(text.substring(0, i));
        while (i < text.length()) {
            boolean list = text.startsWith(LIST, i);
            int start = i + (list ? LIST.length() : MAP.length());
            int end = nextSeparator(text, start);
            String part = text.substring(start, end);
            if (list) {
                try {
                    path.add(Integer.parseInt(part));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                path.add(part);
            }
            i = end;
        }
        return new FlatKey(text, List.copyOf(path));
    }

    /** Builds the flat key for a path. */
    static FlatKey of(Object... parts) {
        StringBuilder text = new StringBuilder((String) parts[0]);
        for (int i = 1; i < parts.length; i++) {
            text.append(parts[i] instanceof Integer ? LIST : MAP).append(parts[i]);
        }
        return new FlatKey(text.toString(), List.of(parts));
    }

    private static int nextSeparator(String text, int from) {
        int map = text.indexOf(MAP, from);
        int list = text.indexOf(LIST, from);
        if (map < 0) {
            return list < 0 ? text.length() : list;
        }
        return list < 0 ? map : Math.min(map, list);
    }

    @Override
    public int compareTo(FlatKey other) {
        for (int i = 0; i < Math.min(path.size(), other.path.size()); i++) {
            Object a = path.get(i);
            Object b = other.path.get(i);
            int c;
            if (a instanceof Integer x && b instanceof Integer y) {
                c = Integer.compare(x, y);
            } else {
                c = a.toString().compareTo(b.toString());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(path.size(), other.path.size());
    }
}
