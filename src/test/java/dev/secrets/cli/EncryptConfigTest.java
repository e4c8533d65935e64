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

/** Recipients and selectors from .sops.yaml, found from the file's folder; flags override it. */
class EncryptConfigTest {
    @TempDir
    Path dir;
    private Keys alice;
    private Keys bob;

    @BeforeEach
    void setUp() throws Exception {
        alice = Keys.create(dir.resolve("alice.txt"));
        bob = Keys.create(dir.resolve("bob.txt"));
        Files.createDirectories(dir.resolve("project/prod"));
        Files.writeString(dir.resolve("project/.sops.yaml"), "creation_rules:\n"
                + "  - path_regex: ^prod/\n    age: " + alice.recipient() + "\n    encrypted_regex: ^DB_\n"
                + "  - path_regex: ^dev/\n    age: [" + bob.recipient() + "]\n");
        Files.writeString(dir.resolve("project/prod/app.env"), "DB_PASSWORD=x\nLOG=info\n");
    }

    @Test
    void encrypt_configFoundFromFileFolder_usesMatchingRuleAndSaysSo() throws Exception {
        Cli.Run run = new Cli(dir).run("encrypt", "-v", "project/prod/app.env", "-o", "out.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("project/.sops.yaml") && run.stderr().contains("rule 1"), run.stderr());
        String out = Files.readString(dir.resolve("out.env"));
        assertTrue(out.contains("LOG=info\n") && out.contains("DB_PASSWORD=ENC[") && out.contains("sops_encrypted_regex=^DB_"));
        assertTrue(out.contains(alice.recipient()) && !out.contains(bob.recipient()));
        Cli.Run dec = new Cli(dir).env("SOPS_AGE_KEY_FILE", alice.file().toString()).run("decrypt", "out.env");
        assertEquals("DB_PASSWORD=x\nLOG=info\n", dec.out());
    }

    @Test
    void encrypt_noMatchingRule_exit63() throws Exception {
        Files.createDirectories(dir.resolve("project/staging"));
        Files.writeString(dir.resolve("project/staging/app.env"), "A=1\n");
        Cli.Run run = new Cli(dir).run("encrypt", "project/staging/app.env");
        assertEquals(ExitCode.NO_MATCHING_RULE.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("staging/app.env"), run.stderr());
    }

    @Test
    void encrypt_ageFlag_overridesConfig() throws Exception {
        Cli.Run run = new Cli(dir).run("encrypt", "--age", bob.recipient(), "project/prod/app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.out().contains(bob.recipient()) && !run.out().contains(alice.recipient()));
    }

    @Test
    void encrypt_invalidRegex_refusedInsteadOfLeavingPlaintext() throws Exception {
        Cli.Run run = new Cli(dir).run("encrypt", "--age", bob.recipient(), "--encrypted-regex", "([", "project/prod/app.env");
        assertEquals(ExitCode.CONFLICTING_OPTIONS.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("encrypted_regex"), run.stderr());
        assertFalse(run.out().contains("DB_PASSWORD=x"));
    }

    @Test
    void encrypt_sopsAgeRecipientsVariable_used() throws Exception {
        Cli.Run run = new Cli(dir).env("SOPS_AGE_RECIPIENTS", bob.recipient()).run("encrypt", "project/prod/app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.out().contains(bob.recipient()));
    }

    @Test
    void encrypt_ageFlagWithNonMatchingConfig_stillEncrypts() throws Exception {
        Files.createDirectories(dir.resolve("project/staging"));
        Files.writeString(dir.resolve("project/staging/app.env"), "A=1\n");
        Cli.Run run = new Cli(dir).run("encrypt", "--age", bob.recipient(), "project/staging/app.env");
        assertEquals(0, run.exitCode(), run.stderr());
    }
}
