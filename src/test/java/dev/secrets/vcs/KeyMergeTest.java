package dev.secrets.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.store.DotenvSopsStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-key three-way merge on plain dotenv trees: order, comments, additions, deletions, conflicts. */
class KeyMergeTest {
    private static final String BASE = "# db\nHOST=h\nPASS=p\n\n# api\nTOKEN=t\n";

    private static SopsTree tree(String text) throws Exception {
        return DotenvSopsStore.parsePlain(text.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static KeyMerge.Result merge(String base, String ours, String theirs) throws Exception {
        return KeyMerge.merge(tree(base), tree(ours), tree(theirs), new KeyMerge.Labels("main", "feature"));
    }

    private static String text(KeyMerge.Result result) {
        return new String(DotenvSopsStore.emitPlain(result.tree()), StandardCharsets.UTF_8);
    }

    @Test
    void merge_changesToDifferentKeys_takesEachSidesChange() throws Exception {
        KeyMerge.Result r = merge(BASE, "# db\nHOST=h2\nPASS=p\n\n# api\nTOKEN=t\n",
                "# db\nHOST=h\nPASS=p\n\n# api\nTOKEN=t2\n");
        assertEquals("# db\nHOST=h2\nPASS=p\n\n# api\nTOKEN=t2\n", text(r));
        assertEquals(List.of(), r.conflicts());
    }

    @Test
    void merge_keysAddedOnBothSides_theirsGoAfterTheirPredecessor() throws Exception {
        KeyMerge.Result r = merge(BASE, BASE + "OURS_NEW=1\n",
                "# db\nHOST=h\nTHEIRS_NEW=2\nPASS=p\n\n# api\nTOKEN=t\n");
        assertEquals("# db\nHOST=h\nTHEIRS_NEW=2\nPASS=p\n\n# api\nTOKEN=t\nOURS_NEW=1\n", text(r));
    }

    @Test
    void merge_deletedOnOneSideUnchangedOnOther_staysDeleted() throws Exception {
        KeyMerge.Result r = merge(BASE, BASE, "# db\nHOST=h\n\n# api\nTOKEN=t\n");
        assertEquals("# db\nHOST=h\n\n# api\nTOKEN=t\n", text(r));
    }

    @Test
    void merge_sameChangeOnBothSides_isNoConflict() throws Exception {
        String both = "# db\nHOST=h\nPASS=new\n\n# api\nTOKEN=t\n";
        KeyMerge.Result r = merge(BASE, both, both);
        assertEquals(both, text(r));
        assertEquals(List.of(), r.conflicts());
    }

    @Test
    void merge_differentChanges_conflictRegionWithBothValues() throws Exception {
        KeyMerge.Result r = merge(BASE, "# db\nHOST=h\nPASS=ours\n\n# api\nTOKEN=t\n",
                "# db\nHOST=h\nPASS=theirs\n\n# api\nTOKEN=t\n");
        assertEquals(List.of("PASS"), r.conflicts());
        assertEquals("# db\nHOST=h\n#<<<<<<< secrets: conflict in [PASS], ours (main), keep one value and delete "
                + "these marker lines\nPASS=ours\n#======= theirs (feature)\nPASS=theirs\n"
                + "#>>>>>>> end of conflict in [PASS]\n\n# api\nTOKEN=t\n", text(r));
        assertEquals(List.of("PASS"), TreeConflicts.keys(r.tree()));
    }

    @Test
    void merge_changedOnOneSideDeletedOnOther_conflict() throws Exception {
        KeyMerge.Result r = merge(BASE, "# db\nHOST=h\n\n# api\nTOKEN=t\n",
                "# db\nHOST=h\nPASS=changed\n\n# api\nTOKEN=t\n");
        assertEquals(List.of("PASS"), r.conflicts());
        assertEquals(true, text(r).contains("ours (main): deleted"));
        assertEquals(true, text(r).contains("PASS=changed\n"));
    }

    @Test
    void merge_commentEditedOnOneSide_takesTheEdit() throws Exception {
        KeyMerge.Result r = merge(BASE, BASE, "# database server\nHOST=h\nPASS=p\n\n# api\nTOKEN=t\n");
        assertEquals("# database server\nHOST=h\nPASS=p\n\n# api\nTOKEN=t\n", text(r));
    }

    @Test
    void merge_noBaseSameKeyAddedDifferently_conflict() throws Exception {
        KeyMerge.Result r = merge("", "A=1\n", "A=2\n");
        assertEquals(List.of("A"), r.conflicts());
    }

    @Test
    void recipients_addedOnOneRemovedOnOther_bothApplied() throws SopsException {
        RecipientMerge.Result r = RecipientMerge.merge(List.of("a", "b"), List.of("a", "b", "c"), List.of("a"));
        assertEquals(List.of("a", "c"), r.recipients());
        assertEquals(List.of("b"), r.removedByTheirs());
    }
}
