package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render}/{@code exec --path} take the plain values of one mapping of a YAML, JSON or INI file, and
 * {@code get}/{@code set}/{@code unset} accept the dotted path form ({@code db.password}) beside sops's
 * {@code ["db"]["password"]}; a flat file's key that merely contains dots stays one key.
 */
class NestedPathSelectionTest {
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
        Files.delete(dir.resolve(plainName));
    }

    private Cli.Run ok(String... args) {
        Cli.Run run = cli.run(args);
        assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.stderr());
        return run;
    }

    @Test
    void render_yamlMapping_pathSelectsItsValuesNestedRefusedWithTheOption() throws Exception {
        encrypt("v.yaml", "db:\n    host: db.internal\n    port: 5432\n    password: s3cr3t-pw\n"
                + "    tls:\n        mode: verify\nreplicas:\n    - a\n", "v.enc.yaml");
        Cli.Run whole = cli.run("render", "v.enc.yaml");
        assertEquals(65, whole.exitCode());
        assertEquals("secrets: [v.enc.yaml] key [db] holds a mapping: render and exec take plain values; take this "
                + "one's with --path db", whole.stderr().strip());
        Cli.Run db = cli.run("render", "v.enc.yaml", "--path", "db");
        assertEquals(65, db.exitCode());
        assertTrue(db.stderr().contains("key [[\"db\"][\"tls\"]] holds a mapping") && db.stderr().contains(
                "--path '[\"db\"][\"tls\"]'"), db.stderr());
        assertFalse(db.stderr().contains("s3cr3t"), db.stderr());
        assertEquals("mode=verify\n", ok("render", "v.enc.yaml", "--path", "db.tls").out());
        assertEquals("mode=verify\n", ok("render", "v.enc.yaml", "--path", "[\"db\"][\"tls\"]").out());
        Cli.Run list = cli.run("render", "v.enc.yaml", "--path", "replicas");
        assertEquals(65, list.exitCode());
        assertTrue(list.stderr().contains("--path [replicas] in [v.enc.yaml] is not a mapping"), list.stderr());
        Cli.Run missing = cli.run("render", "v.enc.yaml", "--path", "cache");
        assertEquals(90, missing.exitCode());
        assertEquals("secrets: --path [cache] is not in [v.enc.yaml]", missing.stderr().strip());
    }

    @Test
    void renderAndExec_jsonAndIni_pathGivesThatMappingInOrder() throws Exception {
        encrypt("c.json", "{\"svc\": {\"api\": {\"token\": \"t0k\", \"retries\": 3}}, \"name\": \"x\"}\n", "c.enc.json");
        assertEquals("token=t0k\nretries=3\n", ok("render", "c.enc.json", "--path", "svc.api").out());
        assertEquals("{\n  \"retries\": \"3\"\n}\n",
                ok("render", "c.enc.json", "--path", "svc.api", "--only", "retries", "--format", "json").out());
        encrypt("a.ini", "[db]\nhost = x\npassword = p1\n\n[redis]\nurl = redis://r\n", "a.enc.ini");
        // The empty DEFAULT section every INI tree starts with is not in the way.
        Cli.Run sections = cli.run("render", "a.enc.ini");
        assertEquals(65, sections.exitCode());
        assertTrue(sections.stderr().contains("key [db] holds a mapping"), sections.stderr());
        assertEquals("host=x\npassword=p1\n", ok("render", "a.enc.ini", "--path", "db").out());
        // The child's stdout is the real one, so it reports through its exit code.
        ok("exec", "a.enc.ini", "--path", "redis", "--", "sh", "-c", "test \"$url\" = redis://r");
        assertEquals(1, cli.run("exec", "a.enc.ini", "--path", "redis", "--", "sh", "-c", "test -n \"$host\"")
                .exitCode(), "db's values are not given");
    }

    @Test
    void getSetUnset_dottedPathInNestedFiles_sameAsBracketed() throws Exception {
        encrypt("v.yaml", "db:\n    password: old-pw\nreplicas:\n    - name: a\n", "v.enc.yaml");
        assertEquals("old-pw", ok("get", "v.enc.yaml", "db.password").out());
        assertEquals("a", ok("get", "v.enc.yaml", "replicas.0.name").out());
        assertEquals("secrets: added [db.user] in [v.enc.yaml]", ok("set", "v.enc.yaml", "db.user", "--stdin")
                .stderr().strip().lines().reduce((a, b) -> b).orElse(""), "added inside db, not as a new top key");
        assertEquals("", ok("get", "v.enc.yaml", "[\"db\"][\"user\"]").out());
        ok("unset", "v.enc.yaml", "db.user");
        assertEquals(90, cli.run("get", "v.enc.yaml", "[\"db\"][\"user\"]").exitCode());
        encrypt("a.ini", "[db]\npassword = p1\n", "a.enc.ini");
        assertEquals("p1", ok("get", "a.enc.ini", "db.password").out());
    }

    @Test
    void getSet_flatDotenvKeyWithDots_staysOneKey() throws Exception {
        encrypt("app.env", "a.b=1\n", "app.env.enc");
        assertEquals("1", ok("get", "app.env.enc", "a.b").out());
        cli.stdin("2".getBytes());
        ok("set", "app.env.enc", "c.d", "--stdin");
        assertEquals("2", ok("get", "app.env.enc", "c.d").out());
        assertTrue(ok("decrypt", "app.env.enc").out().contains("c.d=2\n"));
    }
}
