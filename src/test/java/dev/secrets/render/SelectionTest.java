package dev.secrets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private static final List<RenderEntry> ENTRIES = List.of(RenderEntry.ofUtf8("A", "1"),
            RenderEntry.ofUtf8("B", "2"), RenderEntry.ofUtf8("C", "3"), RenderEntry.ofUtf8("A", "4"));

    @Test
    void only_someKeys_thoseInFileOrderWithDuplicates() throws Exception {
        assertEquals(List.of(ENTRIES.get(0), ENTRIES.get(2), ENTRIES.get(3)),
                Selection.only(List.of("C", "A")).apply(ENTRIES));
    }

    @Test
    void except_someKeys_allOthersInOrder() throws Exception {
        assertEquals(List.of(ENTRIES.get(1), ENTRIES.get(2)), Selection.except(List.of("A")).apply(ENTRIES));
    }

    @Test
    void allOrEmptyLists_everything() throws Exception {
        assertEquals(ENTRIES, Selection.all().apply(ENTRIES));
        assertEquals(ENTRIES, Selection.only(List.of()).apply(ENTRIES));
        assertEquals(ENTRIES, Selection.except(List.of()).apply(ENTRIES));
    }

    @Test
    void only_unknownKey_unknownKeyNamingIt() {
        RenderException.UnknownKey e = assertThrows(RenderException.UnknownKey.class,
                () -> Selection.only(List.of("A", "TYPO")).apply(ENTRIES));
        assertEquals("TYPO", e.key());
        assertTrue(e.getMessage().contains("[TYPO]") && e.getMessage().contains("--only"), e.getMessage());
    }

    @Test
    void except_unknownKey_unknownKeyNamingIt() {
        RenderException.UnknownKey e = assertThrows(RenderException.UnknownKey.class,
                () -> Selection.except(List.of("a")).apply(ENTRIES));
        assertEquals("a", e.key());
        assertTrue(e.getMessage().contains("--except"), e.getMessage());
    }
}
