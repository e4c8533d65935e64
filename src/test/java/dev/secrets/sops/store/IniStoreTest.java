package dev.secrets.sops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The INI store reads what go-ini (as sops configures it) reads and writes what it writes: the cases of sops's own
 * {@code stores/ini/store_test.go} plus go-ini's quoting, inline comments, continuation lines and repeated keys.
 */
class IniStoreTest {
    private final IniStore store = new IniStore();

    private SopsTree parse(String text) throws SopsException {
        return store.parsePlain(text.getBytes(StandardCharsets.UTF_8), "t.ini");
    }

    private String emit(SopsTree tree) throws SopsException {
        return new String(store.emitPlain(tree), StandardCharsets.UTF_8);
    }

    private static TreeItem entry(String key, String value) {
        return new TreeItem.Entry(key, Scalar.str(value));
    }

    private static TreeItem comment(String text) {
        return new TreeItem.Comment(Scalar.of(Scalar.COMMENT, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static TreeItem section(String name, TreeItem... items) {
        return new TreeItem.Nested(name, new TreeValue.Mapping(List.of(items)));
    }

    /** Items compared by text, since scalars compare by identity. */
    private static String shape(List<TreeItem> items) {
        StringBuilder out = new StringBuilder();
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Nested n) {
                out.append('[').append(n.key()).append("]{").append(shape(((TreeValue.Mapping) n.value()).items())).append('}');
            } else if (item instanceof TreeItem.Entry e) {
                out.append(e.key()).append('=').append(e.value().text()).append('|');
            } else if (item instanceof TreeItem.Comment c) {
                out.append('#').append(c.value().text()).append('|');
            }
        }
        return out.toString();
    }

    @Test
    void parsePlain_sopsDecodeIniCase_sameTreeAsSops() throws Exception {
        SopsTree tree = parse("\n; last modified 1 April 2001 by John Doe\n[owner]\nname=John Doe\norganization=Acme Widgets Inc.\n\n"
                + "[database]\n; use IP address in case network name resolution is not working\nserver=192.0.2.62     \n"
                + "port=143\nfile=\"payroll.dat\"\n");
        assertEquals(shape(List.of(section("DEFAULT"),
                section("owner", comment("last modified 1 April 2001 by John Doe"), entry("name", "John Doe"),
                        entry("organization", "Acme Widgets Inc.")),
                section("database", entry("server", "192.0.2.62"),
                        comment("use IP address in case network name resolution is not working"),
                        entry("port", "143"), entry("file", "payroll.dat")))), shape(tree.items()));
    }

    @Test
    void parsePlain_goIniValueRules_quotesCommentsContinuationAndRepeats() throws Exception {
        SopsTree tree = parse("top = before any section\n[s]\ncut = http://host#frag ; note\nback = `a;b#c`\n"
                + "multi = \"\"\"line one\nline two\"\"\"\nsingle = 'quoted'\nspaced = \" x \"\ncolon: yes\n"
                + "cont = one \\\n  two\n`k=ey` = v\nrepeat = first\nrepeat = second\n[s]\nagain = 1\n");
        assertEquals(shape(List.of(section("DEFAULT", entry("top", "before any section")),
                section("s", entry("cut", "http://host"), comment("frag ; note"), entry("back", "a;b#c"),
                        entry("multi", "line one\nline two"), entry("single", "quoted"), entry("spaced", " x "),
                        entry("colon", "yes"), entry("cont", "one two"), entry("k=ey", "v"), entry("repeat", "second")),
                section("s", entry("again", "1")))), shape(tree.items()));
    }

    @Test
    void emitPlain_goIniQuoting_roundTripsEveryValue() throws Exception {
        SopsTree tree = new SopsTree(List.of(section("DEFAULT", entry("foo", "bar")),
                section("q", comment("section note"), entry("hash", "a#b"), entry("lines", "x\ny"),
                        entry("outer", " padded "), entry("k:colon", "1"), entry("tick`key", "2"), entry("empty", ""),
                        comment("about empty"))));
        String text = emit(tree);
        assertEquals("foo = bar\n\n; section note\n[q]\nhash           = `a#b`\nlines          = \"\"\"x\ny\"\"\"\n"
                + "outer          = \" padded \"\n`k:colon`      = 1\n\"\"\"tick`key\"\"\" = 2\n; about empty\nempty          = \n", text);
        assertEquals(shape(tree.items()).replace("#about empty|empty=|", "empty=|#about empty|"),
                shape(parse(text).items()).replace("#about empty|empty=|", "empty=|#about empty|"));
    }

    @Test
    void emitPlain_emptyDefaultAndSections_defaultOmittedBlankLineBetweenSections() throws Exception {
        SopsTree tree = parse("[a]\n[b]\nk=v\n");
        assertEquals("[a]\n\n[b]\nk = v\n", emit(tree));
    }

    @Test
    void parsePlain_sopsSection_refusedAsAlreadyEncrypted() {
        assertThrows(SopsException.AlreadyEncrypted.class, () -> parse("[sops]\nversion = 3.13.2\n"));
    }

    @Test
    void parsePlain_badLines_invalidDocumentNamingLineOnly() {
        for (String bad : List.of("[ok]\nsecret-without-delimiter\n", "[ok]\n= empty key\n", "[unclosed\n",
                "[ok]\nk = \"\"\"secret open\nmore\n", "[]\n")) {
            SopsException.InvalidDocument e = assertThrows(SopsException.InvalidDocument.class, () -> parse(bad));
            assertTrue(e.getMessage().startsWith("[t.ini] line "), e.getMessage());
            assertTrue(!e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void emitPlain_nestedValueInSection_unsupportedNamingPath() {
        SopsTree tree = new SopsTree(List.of(new TreeItem.Nested("s", new TreeValue.Mapping(List.of(
                new TreeItem.Nested("deep", new TreeValue.Sequence(List.of(Scalar.str("x")))))))));
        SopsException e = assertThrows(SopsException.UnsupportedFormat.class, () -> emit(tree));
        assertTrue(e.getMessage().contains("[\"s\"][\"deep\"]"), e.getMessage());
    }

    @Test
    void choose_encryptedIniWithOtherName_recognisedByContent() throws Exception {
        assertEquals("ini", SopsStores.choose(null, "secrets.conf",
                "[a]\nk = ENC[x]\n\n[sops]\nmac = ENC[y]\n".getBytes(StandardCharsets.UTF_8)).name());
    }
}
