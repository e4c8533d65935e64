package dev.secrets.cli;

import dev.secrets.app.KeyChange;
import java.util.List;
import java.util.Map;

/** A recipients change as JSON: one object per key group with the recipients added and removed (public keys). */
final class KeyChangeJson {
    private KeyChangeJson() {
    }

    static List<Map<String, Object>> of(KeyChange change) {
        return change.groups().stream().map(g -> Json.object("group", g.index() + 1, "added", g.added(),
                "removed", g.removed())).toList();
    }
}
