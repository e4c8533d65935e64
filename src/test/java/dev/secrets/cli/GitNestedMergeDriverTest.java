package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import dev.secrets.testsupport.Peers;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge driver on YAML and JSON files with real git: per-path merges, a marked conflict, a data-key rotation. */
class GitNestedMergeDriverTest {
    private static final String YAML = "config.yaml";
    private static final String JSON = "config.json";
    private static final String YAML_PLAIN = "# database\ndb:\n    host: db.local\n    password: old-pass\n"
            + "api:\n    token: tok-1\n";
    private static final String JSON_PLAIN = "{\"db\": {\"host\": \"db.local\", \"password\": \"old-pass\"}, "
            + "\"api\": {\"token\": \"tok-1\"}}";
    private static final String PASSWORD = "[\"db\"][\"password\"]";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("plain.yaml", YAML_PLAIN, YAML);
        repo.encrypt("plain.json", JSON_PLAIN, JSON);
        repo.ok("add", "-A");
        repo.setupDrivers();
        repo.commitAll("base");
    }

    @Test
    void setup_trackedYamlAndJsonFiles_getTheDriversByPath() throws Exception {
        String attributes = repo.ok("check-attr", "merge", "diff", "--", YAML, JSON);
        assertEquals(4, attributes.lines().filter(l -> l.endsWith(": secrets")).count(), attributes);
    }

    @Test
    void diff_yamlAndJsonValueChanged_showsDecryptedLinesWithoutMetadataOrWithoutIdentityHashes() throws Exception {
        repo.set(YAML, PASSWORD, "new-pass");
        repo.set(JSON, PASSWORD, "new-pass");

        String diff = repo.ok("diff");
        assertTrue(diff.contains("\n-    password: old-pass\n+    password: new-pass\n"), diff);
        assertTrue(diff.contains("\n-\t\t\"password\": \"old-pass\"\n+\t\t\"password\": \"new-pass\"\n"), diff);
        assertFalse(diff.contains("sops") || diff.contains("mac") || diff.contains("ENC["), diff);
        String masked = repo.env("SECRETS_DIFF_MASK", "1").ok("diff");
        assertTrue(masked.contains("\n-    password: '[mask:") && masked.contains("\n+    password: '[mask:"), masked);
        assertFalse(masked.contains("-pass") || masked.contains("db.local"), masked);
        repo.env("SECRETS_DIFF_MASK", null);
        repo.env("SOPS_AGE_KEY_FILE", tmp.resolve("missing.txt").toString());
        String hidden = repo.ok("diff", "-U20");
        assertTrue(hidden.contains("no identity can decrypt this file"), hidden);
        assertTrue(hidden.contains("+    password: <encrypted> (ciphertext "), hidden);
        assertFalse(hidden.contains("-pass"), hidden);
    }

    @Test
    void merge_differentPathsOnTwoBranches_mergesYamlAndJsonCleanly() throws Exception {
        String yamlBase = repo.read(YAML);
        String jsonBase = repo.read(JSON);
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            repo.set(YAML, "[\"db\"][\"user\"]", "admin");
            repo.set(JSON, "[\"api\"][\"url\"]", "https://api");
        }, () -> {
            repo.set(YAML, PASSWORD, "new-pass");
            repo.set(JSON, PASSWORD, "new-pass");
        });

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        assertEquals("", repo.ok("status", "--porcelain"));
        assertEquals("# database\ndb:\n    host: db.local\n    password: new-pass\n    user: admin\n"
                + "api:\n    token: tok-1\n", view(YAML));
        assertEquals("{\n\t\"db\": {\n\t\t\"host\": \"db.local\",\n\t\t\"password\": \"new-pass\"\n\t},\n"
                + "\t\"api\": {\n\t\t\"token\": \"tok-1\",\n\t\t\"url\": \"https://api\"\n\t}\n}\n", view(JSON));
        for (String prefix : List.of("#ENC", "    host:", "    token:")) {
            assertEquals(line(yamlBase, prefix), line(repo.read(YAML), prefix), prefix + " keeps its ciphertext");
        }
        for (String prefix : List.of("\t\t\"host\":", "\t\t\"token\":")) {
            assertEquals(line(jsonBase, prefix), line(repo.read(JSON), prefix), prefix + " keeps its ciphertext");
        }
        assertNotEquals(line(yamlBase, "    mac:"), line(repo.read(YAML), "    mac:"));
        Map<?, ?> yaml = peer(YAML, "yaml");
        assertEquals(Map.of("host", "db.local", "password", "new-pass", "user", "admin"), yaml.get("db"));
        Map<?, ?> json = peer(JSON, "json");
        assertEquals(Map.of("token", "tok-1", "url", "https://api"), json.get("api"));
        assertEquals(Map.of("host", "db.local", "password", "new-pass"), json.get("db"));
    }

    @Test
    void merge_driverSetUpWithoutPathName_choosesByContentAndSetupAddsThePath() throws Exception {
        String older = repo.launcher() + " git merge %O %A %B";
        repo.ok("config", "merge.secrets.driver", older);
        SecretsProcess.Result merge = repo.divergeAndMerge("feature",
                () -> repo.set(YAML, "[\"db\"][\"user\"]", "admin"), () -> repo.set(YAML, PASSWORD, "new-pass"));

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        assertEquals("# database\ndb:\n    host: db.local\n    password: new-pass\n    user: admin\n"
                + "api:\n    token: tok-1\n", view(YAML));
        Cli.Run check = repo.cli().run("git", "setup", "--check");
        assertEquals(ExitCode.GIT_SETUP_INCOMPLETE.code(), check.exitCode(), check.stderr());
        assertTrue(check.stderr().contains("written by an older setup"), check.stderr());
        Cli.Run setup = repo.cli().run("git", "setup");
        assertEquals(0, setup.exitCode(), setup.stderr());
        assertEquals(older + " %P", repo.ok("config", "merge.secrets.driver").strip(), "its command is kept");
    }

    @Test
    void merge_samePathChangedDifferently_markedConflictResolvedWithEdit() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            repo.set(YAML, PASSWORD, "their-pass");
            repo.set(YAML, "[\"api\"][\"token\"]", "tok-2");
            repo.set(JSON, PASSWORD, "their-pass");
        }, () -> {
            repo.set(YAML, PASSWORD, "our-pass");
            repo.set(JSON, PASSWORD, "our-pass");
        });

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("merge conflict in [config.yaml] on keys [" + PASSWORD + "]"),
                merge.stderr());
        assertTrue(merge.stderr().contains("merge conflict in [config.json] on keys [" + PASSWORD + "]"),
                merge.stderr());
        assertFalse((merge.stderr() + merge.out()).contains("-pass"), "no value in git's output");
        assertFalse(repo.read(YAML).contains("<<<<<<<") || repo.read(JSON).contains("<<<<<<<"), "no git markers");
        Cli.Run get = repo.cli().run("get", YAML, "[\"api\"][\"token\"]");
        assertEquals(ExitCode.MERGE_CONFLICT.code(), get.exitCode(), get.stderr());
        assertTrue(get.stderr().contains("unresolved merge conflict on keys [" + PASSWORD + "]"), get.stderr());

        repo.ok("add", YAML, JSON);
        SecretsProcess.Result early = repo.git("commit", "-q", "--no-edit");
        assertNotEquals(0, early.exitCode(), "the hook refuses an unresolved conflict");
        assertTrue(early.stderr().contains("[config.yaml] has an unresolved merge conflict on keys [" + PASSWORD + "]")
                && early.stderr().contains("[config.json] has an unresolved merge conflict"), early.stderr());

        // Take theirs in YAML and ours in JSON: the marked mapping is replaced by one of its values.
        Cli.Run yamlEdit = repo.cli().env("EDITOR", editor("keep-theirs.sh", "s/( *)password:\\n *"
                + "secrets-conflict-ours: .*\\n *secrets-conflict-theirs: (.*)\\n/$1password: $2\\n/"))
                .run("edit", YAML);
        assertEquals(0, yamlEdit.exitCode(), yamlEdit.stderr());
        Cli.Run jsonEdit = repo.cli().env("EDITOR", editor("keep-ours.sh", "s/\\{\\n\\s*\"secrets-conflict-ours\": "
                + "(.*),\\n\\s*\"secrets-conflict-theirs\": .*\\n\\s*\\}/$1/")).run("edit", JSON);
        assertEquals(0, jsonEdit.exitCode(), jsonEdit.stderr());
        assertEquals("# database\ndb:\n    host: db.local\n    password: their-pass\napi:\n    token: tok-2\n",
                view(YAML));
        assertEquals(Map.of("host", "db.local", "password", "our-pass"), peer(JSON, "json").get("db"));
        repo.ok("add", YAML, JSON);
        repo.ok("commit", "-q", "--no-edit");
        assertEquals("", repo.ok("status", "--porcelain"));
    }

    @Test
    void merge_oneSideRotatesDataKeyOtherSetsValue_mergedUnderTheNewKey() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("rotated", () -> {
            for (String file : List.of(YAML, JSON)) {
                Cli.Run rotate = repo.cli().run("rotate", file, "--data-key");
                assertEquals(0, rotate.exitCode(), rotate.stderr());
            }
        }, () -> {
            repo.set(YAML, "[\"api\"][\"token\"]", "tok-2");
            repo.set(JSON, "[\"api\"][\"token\"]", "tok-2");
        });
        String rotatedYaml = repo.ok("show", "rotated:" + YAML);
        String rotatedJson = repo.ok("show", "rotated:" + JSON);

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        assertEquals(wrappedKey(rotatedYaml), wrappedKey(repo.read(YAML)), "the rotated data key is kept");
        assertEquals(wrappedKey(rotatedJson), wrappedKey(repo.read(JSON)));
        assertEquals(line(rotatedYaml, "    host:"), line(repo.read(YAML), "    host:"), "kept under the new key");
        assertEquals(line(rotatedJson, "\t\t\"host\":"), line(repo.read(JSON), "\t\t\"host\":"));
        assertEquals("# database\ndb:\n    host: db.local\n    password: old-pass\napi:\n    token: tok-2\n",
                view(YAML));
        assertEquals(Map.of("token", "tok-2"), peer(YAML, "yaml").get("api"));
        assertEquals(Map.of("token", "tok-2"), peer(JSON, "json").get("api"));
    }

    @Test
    void merge_binaryFileChangedOnBothSides_refusedKeepingOurs() throws Exception {
        binary("one");
        repo.ok("add", "-A");
        repo.setupDrivers();
        repo.commitAll("binary");
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> binary("theirs"), () -> binary("ours"));

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("both sides changed this binary file"), merge.stderr());
        assertEquals(repo.ok("show", "HEAD:blob.bin"), repo.read("blob.bin"), "ours, untouched, no git markers");
    }

    private void binary(String content) throws Exception {
        Files.writeString(tmp.resolve("blob"), content);
        Cli.Run run = repo.cli().run("encrypt", "--input-type", "binary", "--age", repo.keys().recipient(),
                tmp.resolve("blob").toString(), "-o", "blob.bin");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    private String view(String file) {
        Cli.Run view = repo.cli().run("view", file);
        assertEquals(0, view.exitCode(), view.stderr());
        return view.out();
    }

    private Map<?, ?> peer(String file, String type) throws Exception {
        Peers.Result peer = Peers.sopsAge(repo.dir().resolve(file), repo.secretKey(), type);
        assertEquals(0, peer.exitCode(), peer.stderr());
        return new ObjectMapper().readValue(peer.stdout(), Map.class);
    }

    /** An editor script that applies one multi-line perl substitution to the file. */
    private String editor(String name, String substitution) throws Exception {
        Path script = tmp.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec perl -0pi -e '" + substitution + "' \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    /** The first line starting with {@code prefix}, without a JSON comma after its value. */
    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.replaceAll(",$", ""))
                .orElseThrow(() -> new AssertionError(prefix));
    }

    /** The armored age block of the (only) recipient's wrapped data key. */
    private static String wrappedKey(String text) {
        Matcher m = Pattern.compile("BEGIN AGE ENCRYPTED FILE-----(.*?)-----END", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
