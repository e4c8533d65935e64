package dev.secrets.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.sops.SopsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three-way merge of key groups: one-sided changes, group-by-group merges, and the refusals. */
class GroupMergeTest {
    private static final GroupMerge.Groups BASE = groups(2, List.of("a"), List.of("b"));

    private static GroupMerge.Groups groups(int threshold, List<String>... recipients) {
        return new GroupMerge.Groups(List.of(recipients), threshold);
    }

    @Test
    void merge_changedOnOneSideOnly_takesThatSide() throws Exception {
        GroupMerge.Groups theirs = groups(1, List.of("a"), List.of("b"), List.of("c"));
        assertEquals(theirs, GroupMerge.merge(BASE, BASE, theirs, "f"));
        assertEquals(theirs, GroupMerge.merge(BASE, theirs, BASE, "f"));
    }

    @Test
    void merge_bothChangedDifferentGroups_mergedGroupByGroup() throws Exception {
        GroupMerge.Groups merged = GroupMerge.merge(BASE, groups(2, List.of("a"), List.of("b", "d")),
                groups(2, List.of("a", "c"), List.of("b")), "f");
        assertEquals(groups(2, List.of("a", "c"), List.of("b", "d")), merged);
    }

    @Test
    void merge_recipientRemovedOnOneSideAddedElsewhereOnOther_bothApplied() throws Exception {
        GroupMerge.Groups merged = GroupMerge.merge(BASE, groups(2, List.of("a", "x"), List.of("b")),
                groups(1, List.of("a"), List.of("b")), "f");
        assertEquals(groups(1, List.of("a", "x"), List.of("b")), merged);
    }

    @Test
    void merge_bothChangedTheNumberOfGroups_refusedWithTheRecipe() {
        SopsException e = assertThrows(SopsException.UnsupportedFormat.class, () -> GroupMerge.merge(BASE,
                groups(2, List.of("a"), List.of("b"), List.of("c")), groups(2, List.of("a", "d"), List.of("b"),
                        List.of("e")), "app.env.enc"));
        assertTrue(e.getMessage().contains("cannot be matched up"), e.getMessage());
        assertTrue(e.getMessage().contains("'secrets updatekeys app.env.enc'"), e.getMessage());
    }

    @Test
    void merge_differentThresholds_refused() {
        assertThrows(SopsException.UnsupportedFormat.class, () -> GroupMerge.merge(
                groups(2, List.of("a"), List.of("b"), List.of("c")),
                groups(1, List.of("a"), List.of("b"), List.of("c")),
                groups(3, List.of("a"), List.of("b"), List.of("c")), "f"));
    }

    @Test
    void merge_groupEmptiedBetweenTheSides_refused() {
        assertThrows(SopsException.UnsupportedFormat.class, () -> GroupMerge.merge(groups(2, List.of("a"),
                List.of("b", "c")), groups(2, List.of("a"), List.of("c")),
                groups(2, List.of("a", "d"), List.of("b")), "f"));
    }
}
