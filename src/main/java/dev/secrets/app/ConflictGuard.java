package dev.secrets.app;

import dev.secrets.sops.SopsTree;
import dev.secrets.vcs.ConflictMarkers;
import dev.secrets.vcs.MergeConflictException;
import dev.secrets.vcs.TreeConflicts;
import java.util.List;
import java.util.Optional;

/**
 * Every command's check for merge conflicts: git's markers in the raw text (a merge without the driver), and
 * the driver's conflict regions in the decrypted values (only {@code edit} opens those, to resolve them).
 */
final class ConflictGuard {
    private ConflictGuard() {
    }

    /** Refuses bytes with git's conflict markers, naming the keys that conflict. */
    static void refuseGitMarkers(byte[] bytes, String source) throws MergeConflictException {
        Optional<ConflictMarkers.Found> found = ConflictMarkers.find(bytes);
        if (found.isPresent()) {
            throw ConflictMarkers.error(source, NestedConflictPaths.named(bytes, source, found.get()));
        }
    }

    /**
     * Refuses an edited tree that still has any of the merge driver's marks (a whole region, a marker line left
     * over, a marked mapping), naming the keys; the tree is wiped first, since the edit will not be used.
     */
    static void refuseMarksLeft(SopsTree edited, String source) throws MergeConflictException {
        List<String> keys = TreeConflicts.marked(edited);
        if (!keys.isEmpty()) {
            edited.wipe();
            throw new MergeConflictException("[" + source + "] still has merge conflict marks on keys " + keys
                    + ": keep one value of each and delete the marker lines (in YAML or JSON: put one value in place "
                    + "of each " + TreeConflicts.OURS + "/" + TreeConflicts.THEIRS + " mapping; in INI: keep one of "
                    + "KEY." + TreeConflicts.OURS + " and KEY." + TreeConflicts.THEIRS + " and rename it KEY)", keys,
                    null);
        }
    }

    /** Refuses a decrypted tree that still holds the merge driver's conflict regions. */
    static void refuseUnresolved(SopsTree plain, String source) throws MergeConflictException {
        List<String> keys = TreeConflicts.keys(plain);
        if (!keys.isEmpty()) {
            throw TreeConflicts.error(source, keys);
        }
    }
}
