package dev.secrets.vcs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Three-way merge of a file's recipient list: a recipient added on one side is added, one removed on one side
 * is removed (a removal is never undone by the other side keeping it), our order first.
 */
public final class RecipientMerge {
    private RecipientMerge() {
    }

    /**
     * The merged list and what changed relative to ours.
     *
     * @param recipients the merged recipients
     * @param addedByTheirs recipients they added that we did not have
     * @param removedByTheirs recipients we had that they removed
     */
    public record Result(List<String> recipients, List<String> addedByTheirs, List<String> removedByTheirs) {
    }

    /** Merges {@code ours} and {@code theirs} descended from {@code base} (empty when the file is new). */
    public static Result merge(List<String> base, List<String> ours, List<String> theirs) {
        Set<String> merged = new LinkedHashSet<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String r : ours) {
            if (theirs.contains(r) || !base.contains(r)) {
                merged.add(r);
            } else {
                removed.add(r);
            }
        }
        for (String r : theirs) {
            if (!ours.contains(r) && !base.contains(r) && merged.add(r)) {
                added.add(r);
            }
        }
        return new Result(new ArrayList<>(merged), added, removed);
    }
}
