package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import dev.secrets.testsupport.SecretsProcess;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code git merge} (no driver) of YAML and JSON files leaves git's markers: every command refuses them
 * naming the conflicting paths (read from the two versions the markers hold, nothing decrypted) with the recipe,
 * and the recipe merges per path.
 */
class GitNestedConflictMarkersTest {
    private static final String YAML = "config.yaml";
    private static final String JSON = "config.json";
    private static final String PASSWORD = "[\"db\"][\"password\"]";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void conflictedMerge() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("plain.yaml", "db:\n    host: db.local\n    password: old-pass\ntoken: tok-1\n", YAML);
        repo.encrypt("plain.json", "{\"db\": {\"host\": \"db.local\", \"password\": \"old-pass\"}}", JSON);
        repo.commitAll("base");
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            repo.set(YAML, "token", "tok-2");
            repo.set(JSON, "[\"db\"][\"user\"]", "admin");
        }, () -> {
            repo.set(YAML, PASSWORD, "new-pass");
            repo.set(JSON, PASSWORD, "new-pass");
        });
        assertNotEquals(0, merge.exitCode(), "without the driver git conflicts on the metadata");
        assertTrue(repo.read(YAML).contains("<<<<<<< ") && repo.read(JSON).contains("<<<<<<< "));
    }

    @Test
    void everyCommand_gitMarkersInYamlAndJson_namesThePathsAndTheRecipe() throws Exception {
        for (String file : List.of(YAML, JSON)) {
            List<List<String>> commands = List.of(List.of("view", file), List.of("decrypt", file),
                    List.of("get", file, "[\"db\"][\"host\"]"), List.of("set", file, "[\"db\"][\"x\"]", "--generate"),
                    List.of("unset", file, "[\"db\"][\"host\"]"), List.of("edit", file),
                    List.of("rotate", file, "--data-key"), List.of("updatekeys", file, "--yes"),
                    List.of("git", "diff", file));
            for (List<String> command : commands) {
                Cli.Run run = repo.cli().env("EDITOR", "true").run(command.toArray(String[]::new));
                String what = String.join(" ", command) + ": " + run.stderr();
                assertFalse(run.stderr().contains("-pass") || run.stderr().contains("ENC["), what);
                if (command.get(0).equals("git")) {
                    assertEquals(0, run.exitCode(), "textconv never fails: " + what);
                    continue;
                }
                assertEquals(ExitCode.MERGE_CONFLICT.code(), run.exitCode(), what);
                assertTrue(run.stderr().contains(file + "] has git conflict markers (line "), what);
                assertTrue(run.stderr().contains("hint: merge it per key instead: run 'secrets git setup', then "
                        + "'git checkout -m -- ") && run.stderr().contains(file + "' (or take one side"), what);
            }
        }
        Cli.Run yaml = repo.cli().run("view", YAML);
        assertTrue(yaml.stderr().contains("keys [" + PASSWORD + ", token] and the sops metadata conflict"),
                yaml.stderr());
        Cli.Run json = repo.cli().run("view", JSON);
        assertTrue(json.stderr().contains("keys [" + PASSWORD + ", [\"db\"][\"user\"]] and the sops metadata "
                + "conflict"), json.stderr());
    }

    @Test
    void recipe_setupThenCheckoutMerge_mergesPerPathAndCommits() throws Exception {
        repo.setupDrivers();

        repo.ok("checkout", "-m", "--", YAML, JSON);

        assertFalse(repo.read(YAML).contains("<<<<<<<") || repo.read(JSON).contains("<<<<<<<"));
        assertEquals("db:\n    host: db.local\n    password: new-pass\ntoken: tok-2\n",
                repo.cli().run("view", YAML).out());
        assertEquals("{\n\t\"db\": {\n\t\t\"host\": \"db.local\",\n\t\t\"password\": \"new-pass\",\n"
                + "\t\t\"user\": \"admin\"\n\t}\n}\n", repo.cli().run("view", JSON).out());
        repo.ok("add", YAML, JSON, ".gitattributes", ".gitignore");
        repo.ok("commit", "-q", "--no-edit");
        assertEquals("", repo.ok("status", "--porcelain"));
    }
}
