package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.WrappedKey;
import dev.secrets.sops.Metadata;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge driver on a file with Shamir key groups that both branches changed, with real git and updatekeys. */
class GitShamirMergeTest {
    private static final String FILE = "app.env.enc";

    @TempDir Path tmp;
    private GitRepo repo;
    private Keys alice;
    private Keys bob;
    private Keys carol;
    private Keys dave;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        alice = repo.keys();
        bob = Keys.create(tmp.resolve("bob.txt"));
        carol = Keys.create(tmp.resolve("carol.txt"));
        dave = Keys.create(tmp.resolve("dave.txt"));
        repo.env("SOPS_AGE_KEY_FILE", identities("all.txt", alice, bob, carol, dave).toString());
        Files.writeString(repo.dir().resolve("app.env"), "DB_PASSWORD=old-pass\nAPI_TOKEN=tok-1\n");
        Cli.Run encrypt = repo.cli().run("encrypt", "--config", config("base.yaml", 2, List.of(alice), List.of(bob)),
                "app.env", "-o", FILE);
        assertEquals(0, encrypt.exitCode(), encrypt.stderr());
        Files.delete(repo.dir().resolve("app.env"));
        repo.setupDrivers();
        repo.commitAll("base");
    }

    @Test
    void merge_bothSidesAddRecipientsToDifferentGroups_groupsMergedAndKeySplitAnew() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            updatekeys(config("theirs.yaml", 2, List.of(alice, carol), List.of(bob)));
            repo.set(FILE, "API_TOKEN", "tok-2");
        }, () -> updatekeys(config("ours.yaml", 2, List.of(alice), List.of(bob, dave))));

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        assertTrue(merge.stderr().contains("the data key is split anew into 2 shares (threshold 2)"), merge.stderr());
        Metadata metadata = EncryptedFacts.metadata(repo.dir().resolve(FILE));
        assertEquals(List.of(List.of(alice.recipient(), carol.recipient()), List.of(bob.recipient(), dave.recipient())),
                metadata.keyGroups().stream().map(g -> g.stream().map(WrappedKey::recipient).toList()).toList());
        assertEquals(2, metadata.shamirThreshold());
        for (Keys[] pair : List.of(new Keys[] {carol, dave}, new Keys[] {alice, bob}, new Keys[] {carol, bob})) {
            Cli.Run get = repo.cli().env("SOPS_AGE_KEY_FILE", identities("pair.txt", pair).toString())
                    .run("get", FILE, "API_TOKEN");
            assertEquals(0, get.exitCode(), get.stderr());
            assertEquals("tok-2", get.out().strip());
        }
        Cli.Run one = repo.cli().env("SOPS_AGE_KEY_FILE", identities("one.txt", carol, alice).toString())
                .run("get", FILE, "API_TOKEN");
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), one.exitCode(), "one group's keys are not enough");
    }

    @Test
    void merge_bothSidesChangeTheNumberOfGroups_refusedWithTheRecipeKeepingOurs() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("feature",
                () -> updatekeys(config("theirs.yaml", 2, List.of(alice), List.of(bob), List.of(carol))),
                () -> updatekeys(config("ours.yaml", 2, List.of(alice), List.of(bob), List.of(dave))));

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("cannot be matched up"), merge.stderr());
        assertTrue(merge.stderr().contains("secrets updatekeys"), merge.stderr());
        assertEquals(repo.ok("show", "HEAD:" + FILE), repo.read(FILE), "ours, untouched, no git markers");
    }

    private void updatekeys(String config) {
        Cli.Run run = repo.cli().run("updatekeys", "-y", "--config", config, FILE);
        assertEquals(0, run.exitCode(), run.stderr());
    }

    @SafeVarargs
    private String config(String name, int threshold, List<Keys>... groups) throws Exception {
        StringBuilder yaml = new StringBuilder("creation_rules:\n  - shamir_threshold: " + threshold
                + "\n    key_groups:\n");
        for (List<Keys> group : groups) {
            yaml.append("      - age: [").append(String.join(", ", group.stream().map(Keys::recipient).toList()))
                    .append("]\n");
        }
        Path file = tmp.resolve(name);
        Files.writeString(file, yaml);
        return file.toString();
    }

    private Path identities(String name, Keys... keys) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Keys k : keys) {
            lines.addAll(Files.readAllLines(k.file()));
        }
        Path file = tmp.resolve(name);
        Files.write(file, lines);
        return file;
    }
}
