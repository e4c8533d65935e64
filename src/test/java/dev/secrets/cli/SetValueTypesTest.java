package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code set}/{@code unset} store and keep on nested files: every YAML document, the type of a value it
 * replaces, JSON values with {@code --json-value} (as {@code sops set} reads them), INI sections; and what they
 * refuse (a key into a list, bad JSON, several documents written as one).
 */
class SetValueTypesTest {
    @TempDir
    Path dir;
    private Cli cli;
    private String recipient;

    @BeforeEach
    void setUp() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        recipient = keys.recipient();
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
    }

    private void encrypt(String plainName, String text, String encrypted) throws Exception {
        Files.writeString(dir.resolve(plainName), text);
        Cli.Run run = cli.run("encrypt", "--age", recipient, plainName, "-o", encrypted);
        assertEquals(0, run.exitCode(), run.stderr());
    }

    private Cli.Run ok(String... args) {
        Cli.Run run = cli.run(args);
        assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.stderr());
        return run;
    }

    private String typeOf(String file, String key) throws Exception {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ": ENC\\[.*type:([a-z]+)\\]$")
                .matcher(Files.readString(dir.resolve(file)));
        assertTrue(m.find(), key + " in " + file);
        return m.group(1);
    }

    @Test
    void setUnset_multiDocumentYaml_otherDocumentsKept() throws Exception {
        encrypt("m.yaml", "a: 1\n---\nb: 2\n", "m.enc.yaml");
        ok("set", "m.enc.yaml", "a", "3");
        assertEquals("a: 3\n---\nb: 2\n", ok("decrypt", "m.enc.yaml").out());
        ok("unset", "m.enc.yaml", "a");
        assertEquals("{}\n---\nb: 2\n", ok("decrypt", "m.enc.yaml").out());
        Cli.Run json = cli.run("decrypt", "m.enc.yaml", "--output-type", "json");
        assertEquals(65, json.exitCode());
        assertEquals("secrets: [m.enc.yaml] holds 2 YAML documents; json holds one, so the others would be lost "
                + "(write YAML, or split the file)", json.stderr().strip());
        Cli.Run encryptJson = cli.run("encrypt", "--age", recipient, "--output-type", "json", "m.yaml", "-o", "m.json");
        assertEquals(65, encryptJson.exitCode(), encryptJson.stderr());
        assertFalse(Files.exists(dir.resolve("m.json")));
    }

    @Test
    void set_replacingTypedValue_keepsTypeWhenTheTextIsOne() throws Exception {
        encrypt("v.yaml", "port: 5432\nratio: 0.5\ndebug: false\nname: x\n", "v.enc.yaml");
        ok("set", "v.enc.yaml", "port", "5433");
        ok("set", "v.enc.yaml", "ratio", "0.75");
        ok("set", "v.enc.yaml", "debug", "true");
        ok("set", "v.enc.yaml", "name", "42");
        assertEquals("int", typeOf("v.enc.yaml", "port"));
        assertEquals("float", typeOf("v.enc.yaml", "ratio"));
        assertEquals("bool", typeOf("v.enc.yaml", "debug"));
        assertEquals("str", typeOf("v.enc.yaml", "name"), "a string stays a string");
        assertEquals("port: 5433\nratio: 0.75\ndebug: true\nname: \"42\"\n", ok("decrypt", "v.enc.yaml").out());
        ok("set", "v.enc.yaml", "port", "none");
        assertEquals("str", typeOf("v.enc.yaml", "port"), "text that is no int becomes a string");
    }

    @Test
    void set_jsonValue_storesTypedScalarsMappingsAndLists() throws Exception {
        encrypt("c.json", "{\"db\": {\"host\": \"h\"}}\n", "c.enc.json");
        cli.stdin("{\"user\": \"app\", \"ports\": [1, 2], \"tls\": true}".getBytes(StandardCharsets.UTF_8));
        ok("set", "c.enc.json", "[\"db\"][\"extra\"]", "--stdin", "--json-value");
        ok("set", "c.enc.json", "db.quoted", "\"quoted\"", "--json-value");
        ok("set", "c.enc.json", "db.n", "7", "--json-value");
        assertEquals("{\n\t\"db\": {\n\t\t\"host\": \"h\",\n\t\t\"extra\": {\n\t\t\t\"user\": \"app\",\n"
                + "\t\t\t\"ports\": [\n\t\t\t\t1,\n\t\t\t\t2\n\t\t\t],\n\t\t\t\"tls\": true\n\t\t},\n"
                + "\t\t\"quoted\": \"quoted\",\n\t\t\"n\": 7\n\t}\n}\n", ok("decrypt", "c.enc.json").out());
        byte[] before = Files.readAllBytes(dir.resolve("c.enc.json"));
        Cli.Run bad = cli.run("set", "c.enc.json", "db.x", "{not-json-s3cret", "--json-value");
        assertEquals(64, bad.exitCode());
        assertFalse(bad.stderr().contains("s3cret"), bad.stderr());
        assertTrue(bad.stderr().contains("is not valid JSON (--json-value)"), bad.stderr());
        encrypt("app.env", "A=1\n", "app.env.enc");
        Cli.Run flat = cli.run("set", "app.env.enc", "B", "[1]", "--json-value");
        assertEquals(65, flat.exitCode(), flat.stderr());
        assertTrue(flat.stderr().contains("is a flat file"), flat.stderr());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("c.enc.json"))));
    }

    @Test
    void set_keyIntoAList_refusedNothingWritten() throws Exception {
        encrypt("v.yaml", "replicas:\n    - a\n    - b\n", "v.enc.yaml");
        byte[] before = Files.readAllBytes(dir.resolve("v.enc.yaml"));
        Cli.Run run = cli.run("set", "v.enc.yaml", "[\"replicas\"][\"x\"]", "v");
        assertEquals(64, run.exitCode());
        assertEquals("secrets: path [[\"replicas\"][\"x\"]]: [\"replicas\"] is a list: index it with a number, as [0]",
                run.stderr().strip());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("v.enc.yaml"))));
        ok("set", "v.enc.yaml", "replicas.1", "c");
        assertEquals("replicas:\n    - a\n    - c\n", ok("decrypt", "v.enc.yaml").out());
    }

    @Test
    void getSet_iniSectionDotKeyAndDefault_dottedKeysWithDots() throws Exception {
        encrypt("a.ini", "name = top\n[db]\npassword = p1\n", "a.enc.ini");
        assertEquals("top", ok("get", "a.enc.ini", "name").out(), "a bare key is in DEFAULT");
        ok("set", "a.enc.ini", "cache.url", "redis://c");
        ok("set", "a.enc.ini", "region", "eu");
        assertEquals("redis://c", ok("get", "a.enc.ini", "[\"cache\"][\"url\"]").out());
        assertEquals("eu", ok("get", "a.enc.ini", "DEFAULT.region").out());
        encrypt("w.yaml", "db:\n    weird-key.x: 1\n    nothing: null\n", "w.enc.yaml");
        assertEquals("1", ok("get", "w.enc.yaml", "db.weird-key.x").out());
        Cli.Run nothing = cli.run("get", "w.enc.yaml", "db.nothing");
        assertEquals(65, nothing.exitCode());
        assertEquals("secrets: key [db.nothing] in [w.enc.yaml] is null: it has no value", nothing.stderr().strip());
    }

    @Test
    void encrypt_unknownExtensionNotDotenv_pointsAtInputType() throws Exception {
        Files.write(dir.resolve("cert.bin"), new byte[] {'x', 0, 'y'});
        Cli.Run run = cli.run("encrypt", "--age", recipient, "cert.bin", "-o", "cert.enc");
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertTrue(run.stderr().strip().endsWith("not a dotenv file? pass --input-type binary (or yaml, json, ini)"),
                run.stderr());
        assertEquals(0, cli.run("encrypt", "--age", recipient, "--input-type", "binary", "cert.bin", "-o", "cert.enc")
                .exitCode());
        Files.writeString(dir.resolve(".env.local"), "not a line\n");
        assertFalse(cli.run("encrypt", "--age", recipient, ".env.local", "-o", "x.enc").stderr().contains("binary"));
    }
}
