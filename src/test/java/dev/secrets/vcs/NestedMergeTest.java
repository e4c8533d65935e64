package dev.secrets.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-path three-way merge on plain YAML and JSON trees: nested keys, lists, comments, marked conflicts. */
class NestedMergeTest {
    private static final String BASE = "# database\ndb:\n    host: h\n    pass: p\napi:\n    token: t\n"
            + "hosts:\n    - a\n    - b\n";

    private static SopsTree tree(SopsStore store, String text) throws Exception {
        return store.parsePlain(text.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static String yaml(String base, String ours, String theirs, List<String> conflicts) throws Exception {
        SopsStore yaml = SopsStores.named("yaml");
        KeyMerge.Result r = KeyMerge.merge(tree(yaml, base), tree(yaml, ours), tree(yaml, theirs),
                new KeyMerge.Labels("ours", "theirs"), KeyMerge.Marking.MAPPING);
        assertEquals(conflicts, r.conflicts());
        assertEquals(conflicts, TreeConflicts.keys(r.tree()));
        return new String(yaml.emitPlain(r.tree()), StandardCharsets.UTF_8);
    }

    @Test
    void merge_differentNestedKeysChanged_takesEachSidesChange() throws Exception {
        assertEquals("# database\ndb:\n    host: h2\n    pass: p2\napi:\n    token: t\nhosts:\n    - a\n    - b\n",
                yaml(BASE, BASE.replace("host: h", "host: h2"), BASE.replace("pass: p", "pass: p2"), List.of()));
    }

    @Test
    void merge_nestedKeysAddedOnBothSides_oursOrderTheirsAfterTheirPredecessor() throws Exception {
        String ours = BASE.replace("api:\n    token: t\n", "api:\n    token: t\n    url: u\n");
        String theirs = BASE.replace("    host: h\n", "    host: h\n    port: 5432\n") + "new:\n    x: 1\n";
        assertEquals("# database\ndb:\n    host: h\n    port: 5432\n    pass: p\napi:\n    token: t\n    url: u\n"
                + "hosts:\n    - a\n    - b\nnew:\n    x: 1\n", yaml(BASE, ours, theirs, List.of()));
    }

    @Test
    void merge_sameNestedKeyChangedDifferently_markedMappingAtThatPath() throws Exception {
        String merged = yaml(BASE, BASE.replace("pass: p", "pass: ours"), BASE.replace("pass: p", "pass: theirs")
                .replace("token: t", "token: t2"), List.of("[\"db\"][\"pass\"]"));
        assertEquals("# database\ndb:\n    host: h\n    pass:\n        secrets-conflict-ours: ours\n"
                + "        secrets-conflict-theirs: theirs\napi:\n    token: t2\nhosts:\n    - a\n    - b\n", merged);
    }

    @Test
    void merge_listChangedOnOneSide_takesTheWholeList() throws Exception {
        assertEquals("# database\ndb:\n    host: h\n    pass: p\napi:\n    token: t\nhosts:\n    - a\n    - b\n"
                + "    - c\n", yaml(BASE, BASE, BASE + "    - c\n", List.of()));
    }

    @Test
    void merge_listChangedDifferentlyOnBothSides_conflictOnTheWholeList() throws Exception {
        String merged = yaml(BASE, BASE + "    - c\n", BASE.replace("    - a\n", ""), List.of("hosts"));
        assertEquals("# database\ndb:\n    host: h\n    pass: p\napi:\n    token: t\nhosts:\n"
                + "    secrets-conflict-ours:\n        - a\n        - b\n        - c\n"
                + "    secrets-conflict-theirs:\n        - b\n", merged);
    }

    @Test
    void merge_changedOnOneSideDeletedOnOther_markedWithTheDeletion() throws Exception {
        String merged = yaml(BASE, BASE.replace("    pass: p\n", ""), BASE.replace("pass: p", "pass: p2"),
                List.of("[\"db\"][\"pass\"]"));
        assertEquals(true, merged.contains("    pass:\n        secrets-conflict-ours-deleted: null\n"
                + "        secrets-conflict-theirs: p2\n"), merged);
    }

    @Test
    void merge_commentEditedOnOneSideValueOnOther_keepsBoth() throws Exception {
        assertEquals("# the database\ndb:\n    host: h\n    pass: p2\napi:\n    token: t\nhosts:\n    - a\n    - b\n",
                yaml(BASE, BASE.replace("# database", "# the database"), BASE.replace("pass: p", "pass: p2"),
                        List.of()));
    }

    @Test
    void merge_scalarReplacedByMappingOnOneSideChangedOnOther_conflict() throws Exception {
        String merged = yaml(BASE, BASE.replace("token: t", "token:\n        v: 1"),
                BASE.replace("token: t", "token: t2"), List.of("[\"api\"][\"token\"]"));
        assertEquals(true, merged.contains("    token:\n        secrets-conflict-ours:\n            v: 1\n"
                + "        secrets-conflict-theirs: t2\n"), merged);
    }

    @Test
    void merge_jsonNestedChanges_mergedPerPathWithConflictMarkedInPlace() throws Exception {
        SopsStore json = SopsStores.named("json");
        String base = "{\"db\": {\"host\": \"h\", \"pass\": \"p\"}, \"n\": 1}";
        KeyMerge.Result r = KeyMerge.merge(tree(json, base), tree(json, base.replace("\"h\"", "\"h2\"")
                .replace("\"p\"", "\"ours\"")), tree(json, base.replace("1}", "2}").replace("\"p\"", "\"theirs\"")),
                new KeyMerge.Labels("ours", "theirs"), KeyMerge.Marking.MAPPING);
        assertEquals(List.of("[\"db\"][\"pass\"]"), r.conflicts());
        assertEquals("{\n\t\"db\": {\n\t\t\"host\": \"h2\",\n\t\t\"pass\": {\n"
                + "\t\t\t\"secrets-conflict-ours\": \"ours\",\n"
                + "\t\t\t\"secrets-conflict-theirs\": \"theirs\"\n\t\t}\n\t},\n\t\"n\": 2\n}\n",
                new String(json.emitPlain(r.tree()), StandardCharsets.UTF_8));
    }

    @Test
    void merge_yamlDocumentCountChangedOnOneSide_refused() throws Exception {
        SopsStore yaml = SopsStores.named("yaml");
        assertThrows(SopsException.UnsupportedFormat.class, () -> KeyMerge.merge(tree(yaml, "a: 1\n"),
                tree(yaml, "a: 1\n---\nb: 2\n"), tree(yaml, "a: 2\n"), new KeyMerge.Labels("ours", "theirs"),
                KeyMerge.Marking.MAPPING));
    }
}
