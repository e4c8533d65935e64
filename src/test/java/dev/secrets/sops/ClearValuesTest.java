package dev.secrets.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values and comments in clear against a rule, named by path (list indices included), never by value. */
class ClearValuesTest {
    private static final Scalar ENC = Scalar.str("ENC[AES256_GCM,data:AA==,iv:AA==,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]");

    private static TreeItem.Comment comment(String text) {
        return new TreeItem.Comment(Scalar.of(Scalar.COMMENT, text));
    }

    @Test
    void find_listsAndMappings_namesEachPathWithIndices() {
        SopsTree tree = new SopsTree(List.of(
                new TreeItem.Nested("hosts", new TreeValue.Sequence(List.of(ENC, comment("in clear"),
                        Scalar.str("db2.local"), new TreeValue.Mapping(List.of(new TreeItem.Entry("pw", Scalar.of(
                                Scalar.INT, "5")))), Scalar.str("")))),
                new TreeItem.Entry("token", ENC)));

        List<ClearValues.Finding> found = ClearValues.find(tree, CryptRule.DEFAULT, null, false);

        assertEquals(List.of(new ClearValues.Finding("[\"hosts\"]", true, true),
                new ClearValues.Finding("[\"hosts\"][1]", false, true),
                new ClearValues.Finding("[\"hosts\"][2][\"pw\"]", false, true)), found);
    }

    @Test
    void find_otherRuleOnly_markedNotByTheFilesRule() {
        SopsTree tree = new SopsTree(List.of(comment("sops:enc"), new TreeItem.Entry("api_key", Scalar.str("k")),
                new TreeItem.Entry("password", ENC), new TreeItem.Entry("host", Scalar.str("h"))));
        CryptRule file = new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, "^password$");
        CryptRule creation = new CryptRule(CryptRule.Kind.ENCRYPTED_COMMENT_REGEX, "sops:enc");

        assertEquals(List.of(new ClearValues.Finding("api_key", false, false)),
                ClearValues.find(tree, file, creation, true));
        assertEquals(List.of(), ClearValues.find(tree, file, null, true));
    }

    @Test
    void find_secondDocument_namedWithItsNumber() {
        SopsTree tree = SopsTree.ofBranches(List.of(List.of(new TreeItem.Entry("a", ENC)),
                List.of(comment("top"), new TreeItem.Entry("b", Scalar.str("clear")))));

        assertEquals(List.of(new ClearValues.Finding("document 2: ", true, true),
                new ClearValues.Finding("document 2: [\"b\"]", false, true)),
                ClearValues.find(tree, CryptRule.DEFAULT, null, false));
    }
}
