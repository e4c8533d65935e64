package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Peers;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-key merge driver with real git: clean merges, a conflict resolved with edit, a data-key rotation. */
class GitMergeDriverTest {
    private static final String FILE = "app.env.enc";
    private static final String PLAIN = "# database\nDB_HOST=db.local\nDB_PASSWORD=old-pass\nAPI_TOKEN=tok-1\n";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("app.env", PLAIN, FILE);
        repo.setupDrivers();
        repo.commitAll("base");
    }

    @Test
    void merge_differentKeysOnTwoBranches_mergesCleanlyKeepingUnchangedCiphertexts() throws Exception {
        String base = repo.read(FILE);
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> repo.set(FILE, "FEATURE_FLAG", "on"),
                () -> repo.set(FILE, "DB_PASSWORD", "new-pass"));

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        Cli.Run view = repo.cli().run("view", FILE);
        assertEquals(0, view.exitCode(), view.stderr());
        assertEquals("# database\nDB_HOST=db.local\nDB_PASSWORD=new-pass\nAPI_TOKEN=tok-1\nFEATURE_FLAG=on\n",
                view.out());
        String merged = repo.read(FILE);
        for (String prefix : List.of("#ENC", "DB_HOST=", "API_TOKEN=")) {
            assertEquals(line(base, prefix), line(merged, prefix), prefix + " keeps its ciphertext");
        }
        assertNotEquals(line(base, "sops_mac="), line(merged, "sops_mac="));
        Peers.Result peer = Peers.sopsAge(repo.dir().resolve(FILE), repo.secretKey());
        assertEquals(0, peer.exitCode(), peer.stderr());
        assertEquals(Map.of("DB_HOST", "db.local", "DB_PASSWORD", "new-pass", "API_TOKEN", "tok-1",
                "FEATURE_FLAG", "on"), new ObjectMapper().readValue(peer.stdout(), Map.class));
    }

    @Test
    void merge_sameKeyChangedDifferently_conflictPerKeyResolvedWithEdit() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            repo.set(FILE, "DB_PASSWORD", "their-pass");
            repo.set(FILE, "FEATURE_FLAG", "on");
        }, () -> repo.set(FILE, "DB_PASSWORD", "our-pass"));

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("merge conflict in [app.env.enc] on keys [DB_PASSWORD]"), merge.stderr());
        assertFalse((merge.stderr() + merge.out()).contains("-pass"), "no value in git's output");
        String conflicted = repo.read(FILE);
        assertFalse(conflicted.contains("<<<<<<<"), "never ciphertext with git markers");
        Cli.Run get = repo.cli().run("get", FILE, "API_TOKEN");
        assertEquals(ExitCode.MERGE_CONFLICT.code(), get.exitCode(), get.stderr());
        assertTrue(get.stderr().contains("unresolved merge conflict on keys [DB_PASSWORD]"), get.stderr());
        assertTrue(get.stderr().contains("run 'secrets edit ") && get.stderr().contains("app.env.enc"), get.stderr());

        repo.ok("add", FILE);
        SecretsProcess.Result early = repo.git("commit", "-q", "--no-edit");
        assertNotEquals(0, early.exitCode(), "the hook refuses an unresolved conflict");
        assertTrue(early.stderr().contains("unresolved merge conflict on keys [DB_PASSWORD]"), early.stderr());

        Path editor = tmp.resolve("keep-theirs.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i -e '/^#<<<<<<< /,/^#======= /d' -e '/^#>>>>>>> /d' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Cli.Run edit = repo.cli().env("EDITOR", editor.toString()).run("edit", FILE);
        assertEquals(0, edit.exitCode(), edit.stderr());
        Cli.Run view = repo.cli().run("view", FILE);
        assertEquals("# database\nDB_HOST=db.local\nDB_PASSWORD=their-pass\nAPI_TOKEN=tok-1\nFEATURE_FLAG=on\n",
                view.out());
        repo.ok("add", FILE);
        repo.ok("commit", "-q", "--no-edit");
        assertEquals("", repo.ok("status", "--porcelain"));
    }

    @Test
    void merge_oneSideRotatesDataKeyOtherSetsValue_mergedUnderTheNewKey() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("rotated", () -> {
            Cli.Run rotate = repo.cli().run("rotate", FILE, "--data-key");
            assertEquals(0, rotate.exitCode(), rotate.stderr());
        }, () -> {
            repo.set(FILE, "NEW_KEY", "added");
            repo.set(FILE, "API_TOKEN", "tok-2");
        });
        String rotated = repo.ok("show", "rotated:" + FILE);

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        String merged = repo.read(FILE);
        assertEquals(line(rotated, "sops_age__list_0__map_enc="), line(merged, "sops_age__list_0__map_enc="),
                "the rotated data key is kept");
        assertEquals(line(rotated, "DB_HOST="), line(merged, "DB_HOST="));
        Cli.Run view = repo.cli().run("view", FILE);
        assertEquals("# database\nDB_HOST=db.local\nDB_PASSWORD=old-pass\nAPI_TOKEN=tok-2\nNEW_KEY=added\n",
                view.out(), view.stderr());
        Peers.Result peer = Peers.sopsAge(repo.dir().resolve(FILE), repo.secretKey());
        assertEquals(0, peer.exitCode(), peer.stderr());
    }

    @Test
    void merge_recipientAddedOnOneSideValueOnOther_bothRecipientsOpenTheResult() throws Exception {
        Keys second = Keys.create(tmp.resolve("second.txt"));
        SecretsProcess.Result merge = repo.divergeAndMerge("recipient", () -> {
            Cli.Run add = repo.cli().run("rotate", FILE, "--data-key", "--add-age", second.recipient());
            assertEquals(0, add.exitCode(), add.stderr());
        }, () -> repo.set(FILE, "DB_PASSWORD", "new-pass"));

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        for (Keys keys : List.of(repo.keys(), second)) {
            Cli.Run get = repo.cli().env("SOPS_AGE_KEY_FILE", keys.file().toString()).run("get", FILE, "DB_PASSWORD");
            assertEquals(0, get.exitCode(), get.stderr());
            assertEquals("new-pass", get.out().strip());
        }
    }

    @Test
    void merge_noIdentity_keepsOursWithoutMarkersAndCheckoutMergeRedoesIt() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> repo.set(FILE, "FEATURE_FLAG", "on"),
                () -> {
                    repo.set(FILE, "DB_PASSWORD", "new-pass");
                    repo.env("SOPS_AGE_KEY_FILE", null);
                });

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("secrets: "), merge.stderr());
        assertEquals(repo.ok("show", "HEAD:" + FILE), repo.read(FILE), "ours, untouched, no git markers");
        repo.env("SOPS_AGE_KEY_FILE", repo.keys().file().toString());
        repo.ok("checkout", "-m", "--", FILE);
        Cli.Run view = repo.cli().run("view", FILE);
        assertEquals("# database\nDB_HOST=db.local\nDB_PASSWORD=new-pass\nAPI_TOKEN=tok-1\nFEATURE_FLAG=on\n",
                view.out(), view.stderr());
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix));
    }
}
