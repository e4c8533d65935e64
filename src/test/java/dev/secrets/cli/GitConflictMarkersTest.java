package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain {@code git merge} (no driver) leaves git's markers: every command says so, and the recipe works. */
class GitConflictMarkersTest {
    private static final String FILE = "app.env.enc";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void conflictedMerge() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("app.env", "DB_HOST=db.local\nDB_PASSWORD=old-pass\n", FILE);
        repo.commitAll("base");
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> repo.set(FILE, "FEATURE_FLAG", "on"),
                () -> repo.set(FILE, "DB_PASSWORD", "new-pass"));
        assertNotEquals(0, merge.exitCode(), "without the driver git conflicts on the metadata");
        assertTrue(repo.read(FILE).contains("<<<<<<< "));
    }

    @Test
    void everyCommand_gitMarkers_reportsKeysAndRecipe() throws Exception {
        Files.writeString(repo.dir().resolve("plain.env"), "A=1\n<<<<<<< HEAD\nB=2\n=======\nB=3\n>>>>>>> x\n");
        List<List<String>> commands = List.of(List.of("view", FILE), List.of("decrypt", FILE),
                List.of("get", FILE, "DB_HOST"), List.of("set", FILE, "X", "--generate"),
                List.of("unset", FILE, "DB_HOST"),
                List.of("render", FILE), List.of("exec", FILE, "--", "true"), List.of("edit", FILE),
                List.of("rotate", FILE, "--data-key"), List.of("encrypt", "plain.env", "--age",
                        repo.keys().recipient()), List.of("git", "diff", FILE));
        for (List<String> command : commands) {
            Cli.Run run = repo.cli().env("EDITOR", "true").run(command.toArray(String[]::new));
            if (command.get(0).equals("git")) {
                assertEquals(0, run.exitCode(), "textconv never fails: " + run.stderr());
                continue;
            }
            String what = String.join(" ", command) + ": " + run.stderr();
            assertEquals(ExitCode.MERGE_CONFLICT.code(), run.exitCode(), what);
            assertTrue(run.stderr().contains("has git conflict markers (line "), what);
            assertTrue(run.stderr().contains("hint: merge it per key instead: run 'secrets git setup', then "
                    + "'git checkout -m -- "), what);
            assertFalse(run.stderr().contains("pass"), what);
        }
        Cli.Run get = repo.cli().run("get", FILE, "DB_HOST");
        assertTrue(get.stderr().contains("keys [DB_PASSWORD, FEATURE_FLAG] and the sops metadata conflict"),
                get.stderr());
    }

    @Test
    void recipe_setupThenCheckoutMerge_mergesPerKeyAndCommits() throws Exception {
        repo.setupDrivers();

        repo.ok("checkout", "-m", "--", FILE);

        assertFalse(repo.read(FILE).contains("<<<<<<<"));
        Cli.Run view = repo.cli().run("view", FILE);
        assertEquals(0, view.exitCode(), view.stderr());
        assertEquals("DB_HOST=db.local\nDB_PASSWORD=new-pass\nFEATURE_FLAG=on\n",
                new String(view.stdout(), StandardCharsets.UTF_8));
        repo.ok("add", FILE, ".gitattributes");
        repo.ok("commit", "-q", "--no-edit");
    }
}
