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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-commit guard and {@code git setup} with real {@code git commit}. */
class GitHookTest {
    private static final String FILE = "app.env.enc";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("app.env", "DB_PASSWORD=hunter2-secret\nHOST=db.local\n", FILE);
    }

    private void setup() {
        repo.setupDrivers();
    }

    private SecretsProcess.Result commit() throws Exception {
        repo.ok("add", "-A");
        return repo.git("commit", "-q", "-m", "change");
    }

    private void assertRefused(String expected) throws Exception {
        SecretsProcess.Result commit = commit();
        assertNotEquals(0, commit.exitCode(), "the commit must be refused");
        assertTrue(commit.stderr().contains("secrets: refused: ") && commit.stderr().contains(expected),
                commit.stderr());
        assertFalse(commit.stderr().contains("hunter2"), "no value in the hook's output");
        assertTrue(repo.git("rev-parse", "HEAD").exitCode() != 0, "nothing was committed");
    }

    @Test
    void hook_goodCommit_passes() throws Exception {
        setup();
        SecretsProcess.Result commit = commit();
        assertEquals(0, commit.exitCode(), commit.stderr());
    }

    @Test
    void hook_plaintextEnvFile_refusedWithRecipe() throws Exception {
        setup();
        Files.writeString(repo.dir().resolve(".env"), "DB_PASSWORD=hunter2-secret\n");
        assertRefused("[.env] is a plaintext env file: encrypt it with 'secrets encrypt .env -o .env.enc'");
    }

    @Test
    void hook_identityFile_refused() throws Exception {
        setup();
        Files.copy(repo.keys().file(), repo.dir().resolve("keys.txt"));
        assertRefused("[keys.txt] holds an age identity: remove it from the commit with 'git rm --cached keys.txt'");
    }

    @Test
    void hook_valueNotEncrypted_refused() throws Exception {
        setup();
        Path file = repo.dir().resolve(FILE);
        String text = Files.readString(file).replaceAll("(?m)^HOST=ENC\\[[^\\]]*]", "HOST=db.local");
        Files.writeString(file, text);
        assertRefused("[app.env.enc] value of [HOST] is not encrypted although the file's rule");
    }

    @Test
    void hook_macDoesNotVerify_refused() throws Exception {
        setup();
        Path file = repo.dir().resolve(FILE);
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^sops_lastmodified=.*$",
                "sops_lastmodified=2020-01-01T00:00:00Z"));
        assertRefused("[app.env.enc] does not verify");
    }

    @Test
    void hook_noVerify_bypasses() throws Exception {
        setup();
        Files.writeString(repo.dir().resolve(".env"), "A=1\n");
        repo.ok("add", "-A");
        assertEquals(0, repo.git("commit", "-q", "--no-verify", "-m", "bypass").exitCode());
    }

    @Test
    void setup_existingHook_keptAndStillRuns() throws Exception {
        Path hooks = repo.dir().resolve(".git/hooks");
        Files.createDirectories(hooks);
        Path marker = tmp.resolve("old-hook-ran");
        Path old = hooks.resolve("pre-commit");
        Files.writeString(old, "#!/bin/sh\ntouch '" + marker + "'\nexit \"${OLD_HOOK_STATUS:-0}\"\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        setup();
        assertTrue(Files.readString(hooks.resolve("pre-commit.legacy")).contains("old-hook-ran"));

        repo.env("OLD_HOOK_STATUS", "1");
        assertNotEquals(0, commit().exitCode(), "a failing old hook still blocks");
        assertTrue(Files.exists(marker));
        Files.delete(marker);
        repo.env("OLD_HOOK_STATUS", null);
        Files.writeString(repo.dir().resolve(".env"), "A=1\n");
        assertRefused("[.env] is a plaintext env file");
        assertTrue(Files.exists(marker), "the old hook ran before ours");
        Files.delete(repo.dir().resolve(".env"));
        repo.ok("rm", "-q", "--cached", ".env");
        assertEquals(0, commit().exitCode());
    }

    @Test
    void setup_runTwiceAndCheck_idempotentAndReportsWhatIsMissing() throws Exception {
        Cli.Run before = repo.cli().run("git", "setup", "--check");
        assertEquals(ExitCode.GIT_SETUP_INCOMPLETE.code(), before.exitCode(), before.stderr());
        assertTrue(before.stderr().contains("missing  config merge.secrets.driver: is not set"), before.stderr());
        assertFalse(Files.exists(repo.dir().resolve(".gitattributes")), "--check writes nothing");

        setup();
        String attributes = Files.readString(repo.dir().resolve(".gitattributes"));
        String hook = Files.readString(repo.dir().resolve(".git/hooks/pre-commit"));
        setup();

        assertEquals(attributes, Files.readString(repo.dir().resolve(".gitattributes")));
        assertEquals(hook, Files.readString(repo.dir().resolve(".git/hooks/pre-commit")));
        assertFalse(Files.exists(repo.dir().resolve(".git/hooks/pre-commit.legacy")), "our own hook is not chained");
        assertTrue(attributes.contains("*.env.enc diff=secrets merge=secrets\n"), attributes);
        Cli.Run after = repo.cli().run("git", "setup", "--check");
        assertEquals(0, after.exitCode(), after.stderr());
        assertEquals("secrets git merge %O %A %B %P",
                repo.ok("config", "merge.secrets.driver").strip().replace(repo.launcher().toString(), "secrets"));
    }

    @Test
    void setup_trackedEncryptedFileOutsideThePatterns_getsItsOwnLine() throws Exception {
        Files.createDirectories(repo.dir().resolve("config"));
        repo.encrypt("plain.txt", "A=1\n", "config/prod.secrets");
        repo.commitAll("files");
        Cli.Run check = repo.cli().run("git", "setup", "--check");
        assertTrue(check.stderr().contains("not covered: [app.env.enc, config/prod.secrets]"), check.stderr());

        setup();

        assertTrue(Files.readString(repo.dir().resolve(".gitattributes"))
                .contains("/config/prod.secrets diff=secrets merge=secrets\n"));
        assertEquals(0, repo.cli().run("git", "setup", "--check").exitCode());
    }

    @Test
    void setupAndHook_outsideARepository_exit83() throws Exception {
        Path outside = java.nio.file.Files.createDirectories(tmp.resolve("outside"));
        for (String[] args : List.of(new String[] {"git", "setup"}, new String[] {"git", "hook", "run"})) {
            Cli.Run run = new Cli(outside).env("GIT_CEILING_DIRECTORIES", tmp.toString()).run(args);
            assertEquals(ExitCode.GIT_FAILED.code(), run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("not a git repository"), run.stderr());
        }
    }

    @Test
    void setup_global_writesUserConfigAndAttributesFile() throws Exception {
        Cli.Run setup = repo.cli().run("git", "setup", "--global");
        assertEquals(0, setup.exitCode(), setup.stderr());
        Path attributes = Path.of(repo.env().get("HOME"), ".config", "git", "attributes");
        assertTrue(Files.readString(attributes).contains("*.env.enc diff=secrets merge=secrets"));
        assertEquals("secrets git diff", repo.ok("config", "--global", "diff.secrets.textconv").strip());
        assertEquals(0, repo.cli().run("git", "setup", "--global", "--check").exitCode());
        assertFalse(Files.exists(repo.dir().resolve(".git/hooks/pre-commit")), "no hook outside a repository setup");
    }
}
