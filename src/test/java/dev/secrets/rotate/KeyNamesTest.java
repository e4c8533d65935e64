package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Playbook key names: plain keys as they are, sops paths in one spelling, anything else refused. */
class KeyNamesTest {
    @Test
    void canonical_plainAndPathForms_oneSpelling() {
        assertEquals("DB_PASSWORD", KeyNames.canonical("DB_PASSWORD"));
        assertEquals("[\"db\"][\"password\"]", KeyNames.canonical("[\"db\"][\"password\"]"));
        assertEquals("[\"db\"][\"password\"]", KeyNames.canonical("['db']['password']"));
        assertEquals("[\"hosts\"][0][\"pass word\"]", KeyNames.canonical("['hosts'][00]['pass word']"));
    }

    @Test
    void canonical_malformed_null() {
        for (String bad : List.of("", "1KEY", "[0][\"a\"]", "[\"a\"", "[\"a\"]x", "[a]", "[\"a\"][\"b]", "KEY WITH SPACE")) {
            assertNull(KeyNames.canonical(bad), bad);
        }
    }
}
