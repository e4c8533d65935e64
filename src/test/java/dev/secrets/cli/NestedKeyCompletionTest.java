package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key completion on YAML, JSON, INI and binary files: {@code __keys} lists the path of every value in the
 * dotted form {@code get}/{@code set} take (sops's bracketed form for keys a shell would need quoted), with no
 * identity, and real bash and fish offer them.
 */
class NestedKeyCompletionTest {
    private static final String YAML = "db:\n  host: db.example.com\n  password: pw\nservers:\n  - name: a\n"
            + "    port: 1\n  - b\nodd key:\n  x.y: 1\nport: 8080\nempty: null\n";

    @TempDir
    Path dir;

    private Keys keys;
    private Path bin;

    @BeforeEach
    void setUp() throws Exception {
        keys = Keys.create(dir.resolve("key.txt"));
        encrypt("values.yaml", YAML);
        encrypt("config.json", "{\"api\": {\"token\": \"t\", \"hosts\": [\"h1\", \"h2\"]}, \"debug\": false}");
        encrypt("app.ini", "[db]\nhost = db\npassword = pw\n[redis]\nurl = redis://x\n");
        encrypt("tls.key", "-----BEGIN CERTIFICATE-----\n");
        bin = SecretsProcess.installLauncher(dir.resolve("bin")).getParent();
        for (String shell : List.of("bash", "fish")) {
            Cli.Run run = new Cli(dir).run("completion", shell);
            assertEquals(0, run.exitCode(), run.stderr());
            Files.write(dir.resolve("secrets." + shell), run.stdout());
        }
    }

    private void encrypt(String name, String plain) throws Exception {
        Path plainFile = dir.resolve("plain-" + name);
        Files.writeString(plainFile, plain);
        List<String> args = new ArrayList<>(List.of("encrypt", "--age", keys.recipient()));
        if (name.equals("tls.key")) {
            args.addAll(List.of("--input-type", "binary"));
        }
        args.addAll(List.of(plainFile.toString(), "-o", name));
        Cli.Run run = new Cli(dir).run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.stderr());
        Files.delete(plainFile);
    }

    private static String keys(Path dir, String file) {
        Cli.Run run = new Cli(dir).run(CompletionScripts.KEYS_COMMAND, file);
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out();
    }

    @Test
    void keysCommand_yaml_listsEveryValuePathDottedOrBracketed() {
        assertEquals("db.host\ndb.password\nservers.0.name\nservers.0.port\nservers.1\n[\"odd key\"][\"x.y\"]\n"
                + "port\n", keys(dir, "values.yaml"));
    }

    @Test
    void keysCommand_jsonIniBinary_listEveryValuePath() {
        assertEquals("api.token\napi.hosts.0\napi.hosts.1\ndebug\n", keys(dir, "config.json"));
        assertEquals("db.host\ndb.password\nredis.url\n", keys(dir, "app.ini"));
        assertEquals("data\n", keys(dir, "tls.key"));
    }

    @Test
    void keysCommand_listedPaths_areWhatGetTakes() {
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        for (String file : List.of("values.yaml", "config.json", "app.ini")) {
            for (String path : keys(dir, file).split("\n")) {
                Cli.Run get = cli.run("get", file, path);
                assertEquals(0, get.exitCode(), file + " " + path + ": " + get.stderr());
            }
        }
        assertEquals("pw", cli.run("get", "values.yaml", "db.password").out());
        assertEquals("1", cli.run("get", "values.yaml", "[\"odd key\"][\"x.y\"]").out());
        assertEquals("h2", cli.run("get", "config.json", "api.hosts.1").out());
        assertEquals("redis://x", cli.run("get", "app.ini", "redis.url").out());
    }

    private String shell(String... command) throws Exception {
        SecretsProcess.Result run = SecretsProcess.run(List.of(command), dir, Map.of("PATH", bin + ":"
                + System.getenv("PATH"), "HOME", dir.toString()));
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out().trim();
    }

    @Test
    void bash_nestedFile_completesDottedPaths() throws Exception {
        String complete = "source ./secrets.bash; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _secrets;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\" | sort | tr '\\n' ' '";
        assertEquals("db.host db.password", shell("bash", "-c", complete, "bash", "secrets", "get", "values.yaml",
                "db."));
        assertEquals("api.hosts.0 api.hosts.1", shell("bash", "-c", complete, "bash", "secrets", "set",
                "config.json", "api.h"));
        assertEquals("redis.url", shell("bash", "-c", complete, "bash", "secrets", "unset", "app.ini", "r"));
    }

    @Test
    void fish_nestedFile_completesDottedPaths() throws Exception {
        Programs.require("fish", "apt-get install fish");
        String out = shell("fish", "-c", "source ./secrets.fish; complete -C 'secrets get values.yaml db.'");
        assertEquals(List.of("db.host", "db.password"), out.lines().map(l -> l.split("\t")[0]).sorted().toList());
    }
}
