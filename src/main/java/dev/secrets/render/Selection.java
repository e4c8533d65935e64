package dev.secrets.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which entries to render: all of them, only some ({@code --only}) or all but some ({@code --except}).
 *
 * <p>A key named in either list that is not in the file is an error, in both modes: a typo in {@code --only}
 * would silently drop a value, and a typo in {@code --except} would silently render one that was meant to stay
 * out. Entries keep their order; duplicate keys are selected together.
 */
public final class Selection {
    private enum Mode { ALL, ONLY, EXCEPT }

    private final Mode mode;
    private final Set<String> keys;

    private Selection(Mode mode, Set<String> keys) {
        this.mode = mode;
        this.keys = keys;
    }

    /** Every entry. */
    public static Selection all() {
        return new Selection(Mode.ALL, Set.of());
    }

    /** Only the entries with these keys ({@code --only}); an empty list selects everything. */
    public static Selection only(List<String> keys) {
        return keys.isEmpty() ? all() : new Selection(Mode.ONLY, new LinkedHashSet<>(keys));
    }

    /** Every entry except those with these keys ({@code --except}). */
    public static Selection except(List<String> keys) {
        return keys.isEmpty() ? all() : new Selection(Mode.EXCEPT, new LinkedHashSet<>(keys));
    }

    /**
     * The selected entries, in their original order (the value arrays are shared, not copied).
     *
     * @throws RenderException.UnknownKey naming the first listed key that no entry has
     */
    public List<RenderEntry> apply(List<RenderEntry> entries) throws RenderException {
        if (mode == Mode.ALL) {
            return List.copyOf(entries);
        }
        Set<String> present = new LinkedHashSet<>();
        for (RenderEntry entry : entries) {
            present.add(entry.key());
        }
        for (String key : keys) {
            if (!present.contains(key)) {
                throw new RenderException.UnknownKey(mode == Mode.ONLY ? "--only" : "--except", key);
            }
        }
        List<RenderEntry> selected = new ArrayList<>();
        for (RenderEntry entry : entries) {
            if (keys.contains(entry.key()) == (mode == Mode.ONLY)) {
                selected.add(entry);
            }
        }
        return selected;
    }
}
