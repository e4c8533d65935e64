package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets git setup} puts the names of the files the tool leaves behind into {@code .gitignore}. */
class GitSetupIgnoresTest {
    @TempDir
    Path dir;

    @Test
    void gitSetup_leftoverNames_ignoredByRealGitAndIdempotent() throws Exception {
        GitRepo repo = GitRepo.create(dir);
        Files.writeString(repo.dir().resolve(".gitignore"), "node_modules/");
        Cli.Run check = repo.cli().run("git", "setup", "--check");
        assertNotEquals(0, check.exitCode(), check.out() + check.stderr());
        repo.setupDrivers();
        String once = repo.read(".gitignore");
        assertTrue(once.startsWith("node_modules/\n"), once);
        repo.setupDrivers();
        assertEquals(once, repo.read(".gitignore"), "a second setup adds nothing");
        for (String left : List.of("app.env.backup-20261203T101010Z", "app.env.rejected-20261203T101010Z.age",
                ".app.env.rotation-journal", ".app.env.tmp-1234")) {
            assertEquals(0, repo.git("check-ignore", "-q", left).exitCode(), left + " ignored by git");
        }
        assertEquals(1, repo.git("check-ignore", "-q", "app.env").exitCode(), "the encrypted file is not ignored");
    }

    @Test
    void edit_rejectedCopyNotIgnored_hintNamesExactLinesUntilSetupAddsThem() throws Exception {
        GitRepo repo = GitRepo.create(dir);
        repo.encrypt("plain.env", "A=first-v4lue\n", "app.env");
        Path editor = dir.resolve("bad-editor.sh");
        Files.writeString(editor, "#!/bin/bash\nprintf 'no equals sign v4lue\\n' > \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Cli.Run edit = repo.cli().env("EDITOR", editor.toString()).run("edit", "app.env");
        assertEquals(ExitCode.EDIT_REJECTED.code(), edit.exitCode(), edit.stderr());
        List<String> hints = edit.stderr().lines().filter(l -> l.startsWith("hint: ")).toList();
        assertEquals(1, hints.size(), edit.stderr());
        assertTrue(hints.get(0).contains("not ignored by git") && hints.get(0).contains(
                "*.backup-*  *.rejected-*.age  .*.rotation-journal  .*.tmp-*"), edit.stderr());
        assertFalse(edit.stderr().contains("v4lue"), edit.stderr());
        repo.setupDrivers();
        Cli.Run again = repo.cli().env("EDITOR", editor.toString()).run("edit", "app.env");
        assertEquals(ExitCode.EDIT_REJECTED.code(), again.exitCode(), again.stderr());
        assertFalse(again.stderr().contains("hint: "), "ignored now: " + again.stderr());
    }
}
