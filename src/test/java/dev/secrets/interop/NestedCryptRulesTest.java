package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each of sops's six encryption rules on a nested YAML file, given on the command line and through a
 * {@code .sops.yaml} creation rule: exactly the values sops would encrypt are encrypted (a key rule matches any key
 * of the path, a comment rule the comments before a value or before the mapping holding it), the rule is stored in
 * the metadata, a later {@code set} of a new value follows the stored rule, and the file decrypts to its plain
 * text. {@code mac_only_encrypted} with a rule: the MAC skips the plain values.
 */
class NestedCryptRulesTest {
    private static final String PLAIN = "app:\n"
            + "    # sops:enc\n"
            + "    password: pw-secret-1\n"
            + "    public_name: visible-1\n"
            + "    token_unencrypted: tok-plain\n"
            + "    # sops:enc\n"
            + "    nested:\n"
            + "        db_password: pw-secret-2\n"
            + "        host: db.local\n"
            + "# other note\n"
            + "list:\n"
            + "    - a-item\n"
            + "    - key_secret: s-item\n";
    private static final List<String> LEAVES = List.of("/app/password", "/app/public_name", "/app/token_unencrypted",
            "/app/nested/db_password", "/app/nested/host", "/list/0", "/list/1/key_secret");

    /** A rule, the leaves sops encrypts under it, whether each comment is encrypted, and a new key's fate. */
    private record Rule(String name, String value, List<String> encrypted, boolean markerEncrypted, boolean noteEncrypted,
            String newKey, boolean newKeyEncrypted) {
        String flag() {
            return "--" + name.replace('_', '-');
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("encrypted_regex", "^(password|db_password)$", List.of("/app/password", "/app/nested/db_password"),
                    false, false, "password", true),
            new Rule("unencrypted_regex", "^(public_name|host)$", List.of("/app/password", "/app/token_unencrypted",
                    "/app/nested/db_password", "/list/0", "/list/1/key_secret"), true, true, "host", false),
            new Rule("encrypted_suffix", "_password", List.of("/app/nested/db_password"), false, false, "new_password", true),
            new Rule("unencrypted_suffix", "_unencrypted", List.of("/app/password", "/app/public_name",
                    "/app/nested/db_password", "/app/nested/host", "/list/0", "/list/1/key_secret"), true, true,
                    "x_unencrypted", false),
            // The marker before password covers password; the one before nested covers every leaf inside it, a value
            // added there later included.
            new Rule("encrypted_comment_regex", "sops:enc", List.of("/app/password", "/app/nested/db_password",
                    "/app/nested/host"), false, false, "added", true),
            new Rule("unencrypted_comment_regex", "sops:enc", List.of("/app/public_name", "/app/token_unencrypted",
                    "/list/0", "/list/1/key_secret"), false, true, "added", false));

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> encrypt_eachRuleOnCommandLineAndInCreationRule_encryptsWhatSopsEncrypts() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : RULES) {
            for (boolean viaConfig : List.of(false, true)) {
                tests.add(DynamicTest.dynamicTest(rule.name() + (viaConfig ? " in .sops.yaml" : " as " + rule.flag()),
                        () -> check(rule, viaConfig)));
            }
        }
        return tests.stream();
    }

    private void check(Rule rule, boolean viaConfig) throws Exception {
        Path home = Files.createDirectories(dir.resolve(rule.name() + (viaConfig ? "-config" : "-flag")));
        Keys keys = Keys.create(home.resolve("key.txt"));
        Cli cli = new Cli(home).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(home.resolve("values.yaml"), PLAIN);
        Cli.Run run;
        if (viaConfig) {
            Files.writeString(home.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: values\\.yaml$\n    age: "
                    + keys.recipient() + "\n    " + rule.name() + ": '" + rule.value() + "'\n");
            run = cli.run("encrypt", "values.yaml", "-o", "values.enc.yaml");
        } else {
            run = cli.run("encrypt", "--age", keys.recipient(), rule.flag(), rule.value(), "values.yaml", "-o", "values.enc.yaml");
        }
        assertEquals(0, run.exitCode(), run.stderr());
        String text = Files.readString(home.resolve("values.enc.yaml"));
        JsonNode tree = new YAMLMapper().readTree(text);
        assertEquals(new TreeSet<>(rule.encrypted()), encryptedLeaves(tree), text);
        assertEquals(rule.value(), tree.at("/sops/" + rule.name()).asText(), "rule stored in the metadata");
        assertEquals(!rule.markerEncrypted(), text.contains("    # sops:enc\n"), "marker comment: " + text);
        assertEquals(!rule.noteEncrypted(), text.contains("\n# other note\n"), "other comment: " + text);
        Cli.Run plain = cli.run("decrypt", "values.enc.yaml");
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertEquals(PLAIN, plain.out());

        Cli.Run set = cli.run("set", "values.enc.yaml", "[\"app\"][\"nested\"][\"" + rule.newKey() + "\"]", "new-value-1");
        assertEquals(0, set.exitCode(), set.stderr());
        JsonNode after = new YAMLMapper().readTree(home.resolve("values.enc.yaml").toFile());
        String stored = after.at("/app/nested/" + rule.newKey()).asText();
        assertEquals(rule.newKeyEncrypted(), stored.startsWith("ENC[AES256_GCM,"), "new value under the file's rule: " + stored);
        assertEquals("new-value-1", cli.run("get", "values.enc.yaml", "[\"app\"][\"nested\"][\"" + rule.newKey() + "\"]").out());
    }

    @Test
    void encrypt_macOnlyEncryptedWithRegex_plainValueChangeStillDecrypts() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("values.yaml"), PLAIN);
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - age: " + keys.recipient()
                + "\n    encrypted_regex: password\n    mac_only_encrypted: true\n");
        assertEquals(0, cli.run("encrypt", "values.yaml", "-o", "values.enc.yaml").exitCode());
        String text = Files.readString(dir.resolve("values.enc.yaml"));
        assertTrue(text.contains("    mac_only_encrypted: true\n"), text);
        assertEquals(new TreeSet<>(List.of("/app/password", "/app/nested/db_password")),
                encryptedLeaves(new YAMLMapper().readTree(text)));
        Files.writeString(dir.resolve("changed.enc.yaml"), text.replace("host: db.local", "host: db.evil"));
        Cli.Run run = cli.run("decrypt", "changed.enc.yaml");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.out().contains("host: db.evil"), run.out());
        Files.writeString(dir.resolve("changed.enc.yaml"), text.replace("pw-", "xx").replace(
                text.substring(text.indexOf("password: ENC[") + 30, text.indexOf("password: ENC[") + 31),
                text.charAt(text.indexOf("password: ENC[") + 30) == 'A' ? "B" : "A"));
        assertTrue(cli.run("decrypt", "changed.enc.yaml").exitCode() != 0, "an encrypted value stays authenticated");
    }

    private static TreeSet<String> encryptedLeaves(JsonNode tree) {
        TreeSet<String> out = new TreeSet<>();
        for (String leaf : LEAVES) {
            if (tree.at(leaf).asText().startsWith("ENC[AES256_GCM,")) {
                out.add(leaf);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            assertTrue(f.getKey().equals("sops") || f.getKey().equals("app") || f.getKey().equals("list"), f.getKey());
        }
        return out;
    }
}
