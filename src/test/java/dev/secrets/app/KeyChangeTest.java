package dev.secrets.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How recipient plans are compared: order does not count, a move between groups counts as a removal. */
class KeyChangeTest {
    @Test
    void between_sameRecipientsOtherOrder_unchanged() {
        KeyChange change = KeyChange.between(new RecipientPlan(List.of(List.of("a", "b")), 0),
                new RecipientPlan(List.of(List.of("b", "a")), 0), false);
        assertTrue(change.recipientsUnchanged());
        assertFalse(change.removesRecipients());
    }

    @Test
    void between_recipientMovedToOtherGroup_countsAsRemoval() {
        KeyChange change = KeyChange.between(new RecipientPlan(List.of(List.of("a", "b"), List.of("c")), 2),
                new RecipientPlan(List.of(List.of("a"), List.of("c", "b")), 2), false);
        assertTrue(change.removesRecipients());
        assertEquals(List.of("b"), change.groups().get(0).removed());
        assertEquals(List.of("b"), change.groups().get(1).added());
    }

    @Test
    void between_unsetThresholdVersusAllGroups_unchanged() {
        KeyChange change = KeyChange.between(new RecipientPlan(List.of(List.of("a"), List.of("b")), 0),
                new RecipientPlan(List.of(List.of("a"), List.of("b")), 2), false);
        assertTrue(change.recipientsUnchanged());
    }

    @Test
    void between_thresholdLowered_changedWithoutRemoval() {
        KeyChange change = KeyChange.between(
                new RecipientPlan(List.of(List.of("a"), List.of("b"), List.of("c")), 3),
                new RecipientPlan(List.of(List.of("a"), List.of("b"), List.of("c")), 2), false);
        assertFalse(change.recipientsUnchanged());
        assertFalse(change.removesRecipients());
        assertTrue(change.describe().contains("shamir threshold: 3 -> 2"), change.describe().toString());
    }

    @Test
    void between_groupDropped_everyMemberRemoved() {
        KeyChange change = KeyChange.between(new RecipientPlan(List.of(List.of("a"), List.of("b", "c")), 2),
                new RecipientPlan(List.of(List.of("a", "b", "c")), 0), true);
        assertEquals(List.of("b", "c"), change.groups().get(1).removed());
        assertTrue(change.removesRecipients());
        assertTrue(change.describe().contains("data key: NEW (every value re-encrypted)"));
    }
}
