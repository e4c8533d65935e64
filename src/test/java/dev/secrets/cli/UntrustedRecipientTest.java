package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipients are not covered by the MAC: a recipient someone wrote into the file, that the {@code .sops.yaml}
 * creation rule does not name, never receives a new data key without the person saying so ({@code --yes}).
 */
class UntrustedRecipientTest {
    @TempDir
    Path dir;
    private Keys alice;
    private Keys mallory;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        alice = Keys.create(dir.resolve("alice.txt"));
        mallory = Keys.create(dir.resolve("mallory.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", alice.file().toString());
        Files.writeString(dir.resolve("app.env"), "JWT_SECRET=jwt-old-value-1\n");
        // Encrypted for alice and mallory, while the rule the team trusts names alice only.
        assertEquals(0, cli.run("encrypt", "--age", alice.recipient() + "," + mallory.recipient(), "app.env", "-o",
                "app.env.enc").exitCode());
        Files.delete(dir.resolve("app.env"));
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: app\\.env\n    age: "
                + alice.recipient() + "\n");
    }

    @Test
    void dataKey_recipientNotInCreationRule_refusedUntilYes() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("app.env.enc"));
        Cli.Run run = cli.run("rotate", "app.env.enc", "--data-key");
        assertEquals(ExitCode.NOT_CONFIRMED.code(), run.exitCode(), run.stderr());
        assertEquals("", run.out());
        assertTrue(run.stderr().contains(mallory.recipient()) && run.stderr().contains("--yes"), run.stderr());
        assertFalse(run.stderr().contains(alice.recipient() + "]"), "names only the untrusted one: " + run.stderr());
        assertFalse(run.stderr().contains("jwt-old"));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("app.env.enc")), "nothing written");

        Cli.Run yes = cli.run("rotate", "app.env.enc", "--data-key", "--yes");
        assertEquals(0, yes.exitCode(), yes.stderr());
        assertNotEquals(new String(before), Files.readString(dir.resolve("app.env.enc")));
    }

    @Test
    void rotateAll_recipientNotInCreationRule_credentialsRotatedDataKeyNotGivenToIt() throws Exception {
        Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n  - key: JWT_SECRET\n");
        String before = Files.readString(dir.resolve("app.env.enc"));
        Cli.Run run = cli.run("rotate", "app.env.enc", "--all");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("data key NOT rotated") && run.stderr().contains(mallory.recipient()),
                run.stderr());
        String after = Files.readString(dir.resolve("app.env.enc"));
        assertEquals(line(before, "sops_age__list_1__map_enc"), line(after, "sops_age__list_1__map_enc"),
                "no new data key was wrapped for mallory");
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}
