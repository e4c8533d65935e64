package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit guard on YAML, JSON, INI and binary files with real {@code git commit}: values in clear against
 * the file's rule or the {@code .sops.yaml} creation rule (paths named, values never), MACs that do not verify,
 * a good commit, a hook that was there before, {@code --no-verify}.
 */
class GitHookNestedTest {
    private static final String SECRET = "hunter2-secret";
    private static final String PASSWORD = "[\"db\"][\"password\"]";
    private static final Map<String, String> PLAIN = Map.of(
            "config.yaml", "# database\ndb:\n    host: db.local\n    password: old-pass\n",
            "config.json", "{\"db\": {\"host\": \"db.local\", \"password\": \"old-pass\"}}",
            "config.ini", "[db]\nhost = db.local\npassword = old-pass\n");
    /** The stored line of {@code db.password} in each format, up to its ENC value. */
    private static final Map<String, String> PASSWORD_LINE = Map.of(
            "config.yaml", "(?m)^(    password: )ENC\\[[^\\]]*]",
            "config.json", "(?m)^(\\s*\"password\": )\"ENC\\[[^\\]]*]\"",
            "config.ini", "(?m)^(password\\s*=\\s*)ENC\\[[^\\]]*]");

    @TempDir Path tmp;
    private GitRepo repo;
    private Path oldHookRan;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        for (Map.Entry<String, String> e : PLAIN.entrySet()) {
            repo.encrypt("plain-" + e.getKey(), e.getValue(), e.getKey());
        }
        binary("first content");
        oldHookRan = tmp.resolve("old-hook-ran");
        Path old = repo.dir().resolve(".git/hooks/pre-commit");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "#!/bin/sh\ntouch '" + oldHookRan + "'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        repo.ok("add", "-A");
        repo.setupDrivers();
        SecretsProcess.Result first = commit();
        assertEquals(0, first.exitCode(), "a good first commit passes the hook: " + first.stderr());
        assertTrue(Files.exists(oldHookRan), "the hook that was there before ran");
        Files.delete(oldHookRan);
    }

    @Test
    void hook_valuesChangedWithSecrets_commitPasses() throws Exception {
        for (String file : PLAIN.keySet()) {
            repo.set(file, PASSWORD, "new-pass");
        }
        binary("second content");

        SecretsProcess.Result commit = commit();

        assertEquals(0, commit.exitCode(), commit.stderr());
        assertEquals("", repo.ok("status", "--porcelain"));
        assertTrue(Files.exists(oldHookRan), "the old hook ran before ours");
    }

    @Test
    void hook_valueInClearAgainstTheFilesRule_refusedNamingThePathAndTheFixWorks() throws Exception {
        for (String file : PLAIN.keySet()) {
            replace(file, PASSWORD_LINE.get(file), file.endsWith(".json") ? "$1\"" + SECRET + "\"" : "$1" + SECRET);
        }

        SecretsProcess.Result refused = refused();

        for (String file : PLAIN.keySet()) {
            assertTrue(refused.stderr().contains("secrets: refused: [" + file + "] value of " + PASSWORD
                    + " is not encrypted although the file's rule (unencrypted_suffix) says it must be"),
                    refused.stderr());
            assertTrue(refused.stderr().contains("'git checkout HEAD -- " + file + "'"), refused.stderr());
        }
        for (String file : PLAIN.keySet()) {
            repo.ok("checkout", "HEAD", "--", file);
            repo.set(file, PASSWORD, "new-pass");
        }
        assertEquals(0, commit().exitCode(), "after the fix the commit passes");
    }

    @Test
    void hook_binaryContentInClear_refusedNamingData() throws Exception {
        replace("blob.bin", "\"data\": \"ENC\\[[^\\]]*]\"", "\"data\": \"" + SECRET + "\"");

        SecretsProcess.Result refused = refused();

        assertTrue(refused.stderr().contains("[blob.bin] value of [\"data\"] is not encrypted although the file's "
                + "rule (unencrypted_suffix) says it must be"), refused.stderr());
    }

    @Test
    void hook_valuesInClearAgainstTheCreationRule_refusedAndTheReencryptRecipeWorks() throws Exception {
        Files.writeString(repo.dir().resolve(".sops.yaml"), "creation_rules:\n  - path_regex: app\\.yaml$\n"
                + "    encrypted_comment_regex: sops:enc\n    age: " + repo.keys().recipient() + "\n");
        Files.writeString(repo.dir().resolve("plain.yaml"), "db:\n    host: db.local\n    password: old-pass\n"
                + "# sops:enc\napi_key: " + SECRET + "\nplain: visible\n");
        Cli.Run encrypt = repo.cli().run("encrypt", "--age", repo.keys().recipient(), "--encrypted-regex",
                "^password$", "plain.yaml", "-o", "app.yaml");
        assertEquals(0, encrypt.exitCode(), encrypt.stderr());
        Files.delete(repo.dir().resolve("plain.yaml"));
        assertTrue(repo.read("app.yaml").contains("api_key: " + SECRET), "the file's own rule leaves it in clear");

        SecretsProcess.Result refused = refused();

        assertTrue(refused.stderr().contains("[app.yaml] value of [\"api_key\"] is in clear: the file's rule "
                + "(encrypted_regex ^password$) leaves it so, but creation rule 1 of .sops.yaml "
                + "(encrypted_comment_regex sops:enc) says it must be encrypted: re-encrypt the file under that rule "
                + "with 'secrets decrypt app.yaml | secrets encrypt - --filename-override app.yaml -o app.yaml'"),
                refused.stderr());
        assertFalse(refused.stderr().contains("[\"plain\"]") || refused.stderr().contains("[\"db\"]"),
                "only what the creation rule encrypts: " + refused.stderr());

        SecretsProcess.Result recipe = SecretsProcess.run(List.of("bash", "-c", "secrets decrypt app.yaml | "
                + "secrets encrypt - --filename-override app.yaml -o app.yaml"), repo.dir(), repo.env());
        assertEquals(0, recipe.exitCode(), recipe.stderr());
        assertFalse(repo.read("app.yaml").contains(SECRET));
        SecretsProcess.Result commit = commit();
        assertEquals(0, commit.exitCode(), commit.stderr());
        assertEquals("db:\n    host: db.local\n    password: old-pass\n# sops:enc\napi_key: " + SECRET
                + "\nplain: visible\n", repo.cli().run("view", "app.yaml").out());
    }

    @Test
    void hook_commentRegexAndMacOnlyEncrypted_followTheFilesOwnRule() throws Exception {
        Files.writeString(repo.dir().resolve("plain.yaml"), "# sops:plain\nhost: db.local\npassword: old-pass\n");
        Cli.Run encrypt = repo.cli().run("encrypt", "--age", repo.keys().recipient(), "--unencrypted-comment-regex",
                "sops:plain", "--mac-only-encrypted", "plain.yaml", "-o", "rules.yaml");
        assertEquals(0, encrypt.exitCode(), encrypt.stderr());
        Files.delete(repo.dir().resolve("plain.yaml"));
        assertTrue(repo.read("rules.yaml").contains("\nhost: db.local\n"), repo.read("rules.yaml"));
        assertEquals(0, commit().exitCode(), "a value the comment rule leaves in clear is fine");

        // mac_only_encrypted: a value the rule leaves in clear is outside the MAC, so changing it by hand verifies.
        replace("rules.yaml", "(?m)^host: db.local$", "host: db.other");
        SecretsProcess.Result plainChange = commit();
        assertEquals(0, plainChange.exitCode(), plainChange.stderr());

        replace("rules.yaml", "(?m)^(password: )ENC\\[[^\\]]*]", "$1" + SECRET);
        SecretsProcess.Result refused = refused();
        assertTrue(refused.stderr().contains("[rules.yaml] value of [\"password\"] is not encrypted although the "
                + "file's rule (unencrypted_comment_regex) says it must be"), refused.stderr());
        assertFalse(refused.stderr().contains("[\"host\"]"), refused.stderr());
    }

    @Test
    void hook_macDoesNotVerify_refusedForEveryStore() throws Exception {
        List<String> files = List.of("config.yaml", "config.json", "config.ini", "blob.bin");
        for (String file : files) {
            replace(file, "(lastmodified\"?\\s*[:=]\\s*\"?)20[0-9][0-9]-[0-9-]+T[0-9:]+Z", "$12020-01-01T00:00:00Z");
        }

        SecretsProcess.Result refused = refused();

        for (String file : files) {
            assertTrue(refused.stderr().contains("secrets: refused: [" + file + "] does not verify"), refused.stderr());
        }
        assertTrue(refused.stderr().contains("'secrets edit --ignore-mac config.yaml'"), refused.stderr());
    }

    @Test
    void hook_gitMarkersInYamlAndJson_refusedWithTheRecipe() throws Exception {
        replace("config.yaml", "(?m)^(    password: .*)$", "<<<<<<< HEAD\n$1\n=======\n$1\n>>>>>>> feature");
        replace("config.json", "(?m)^(\\s*\"password\": .*)$", "<<<<<<< HEAD\n$1\n=======\n$1\n>>>>>>> feature");

        SecretsProcess.Result refused = refused();

        for (String file : List.of("config.yaml", "config.json")) {
            assertTrue(refused.stderr().contains("[" + file + "] has git conflict markers (line "), refused.stderr());
            assertTrue(refused.stderr().contains("'git checkout -m -- " + file + "'"), refused.stderr());
        }
    }

    @Test
    void hook_noVerify_bypassesANestedRefusal() throws Exception {
        replace("config.yaml", PASSWORD_LINE.get("config.yaml"), "$1" + SECRET);
        refused();
        Files.delete(oldHookRan);

        SecretsProcess.Result bypass = repo.git("commit", "-q", "--no-verify", "-m", "bypass");

        assertEquals(0, bypass.exitCode(), bypass.stderr());
        assertFalse(Files.exists(oldHookRan), "--no-verify skips every pre-commit hook");
        assertTrue(repo.ok("show", "HEAD:config.yaml").contains("password: " + SECRET));
    }

    private SecretsProcess.Result commit() throws Exception {
        repo.ok("add", "-A");
        return repo.git("commit", "-q", "-m", "change");
    }

    /** Commits and checks the hook refused it: nothing committed, no value in the output. */
    private SecretsProcess.Result refused() throws Exception {
        String head = repo.ok("rev-parse", "HEAD");
        SecretsProcess.Result commit = commit();
        assertNotEquals(0, commit.exitCode(), "the commit must be refused: " + commit.stderr());
        assertTrue(commit.stderr().contains("secrets: refused: "), commit.stderr());
        assertTrue(commit.stderr().contains("hint: fix the files above and commit again"), commit.stderr());
        assertFalse(commit.stderr().contains(SECRET) || commit.stderr().contains("old-pass"),
                "no value in the hook's output: " + commit.stderr());
        assertEquals(head, repo.ok("rev-parse", "HEAD"), "nothing was committed");
        return commit;
    }

    private void replace(String file, String regex, String replacement) throws Exception {
        Path path = repo.dir().resolve(file);
        String before = Files.readString(path);
        String after = before.replaceAll(regex, replacement);
        assertNotEquals(before, after, regex + " in " + before);
        Files.writeString(path, after);
    }

    private void binary(String content) throws Exception {
        Files.writeString(tmp.resolve("blob"), content);
        Cli.Run run = repo.cli().run("encrypt", "--input-type", "binary", "--age", repo.keys().recipient(),
                tmp.resolve("blob").toString(), "-o", "blob.bin");
        assertEquals(0, run.exitCode(), run.stderr());
    }
}
