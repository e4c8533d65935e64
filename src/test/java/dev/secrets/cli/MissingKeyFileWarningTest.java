package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code SOPS_AGE_KEY_FILE} naming a missing file is a one-line warning even when another key works. */
class MissingKeyFileWarningTest {
    @TempDir
    Path dir;

    @Test
    void get_keyFileMissingButSopsAgeKeyWorks_oneWarningAndTheValue() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Files.writeString(dir.resolve("plain.env"), "A=the-v4lue\n");
        assertEquals(0, new Cli(dir).run("encrypt", "--age", keys.recipient(), "plain.env", "-o", "app.env")
                .exitCode());
        String secretKey = Files.readAllLines(keys.file()).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-"))
                .findFirst().orElseThrow();
        Path missing = dir.resolve("typo/keys.txt");
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY", secretKey).env("SOPS_AGE_KEY_FILE", missing.toString())
                .run("get", "app.env", "A");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("the-v4lue", run.out().strip());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().startsWith("secrets: warning: SOPS_AGE_KEY_FILE names [" + missing + "]"),
                run.stderr());
        assertFalse(run.stderr().contains("AGE-SECRET-KEY") || run.stderr().contains("v4lue"), run.stderr());
        Cli.Run quiet = new Cli(dir).env("SOPS_AGE_KEY", secretKey).env("SOPS_AGE_KEY_FILE", missing.toString())
                .run("--quiet", "get", "app.env", "A");
        assertEquals(0, quiet.exitCode(), quiet.stderr());
        assertEquals("", quiet.stderr());
        Cli.Run present = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString()).run("get", "app.env", "A");
        assertEquals("", present.stderr());
    }

    @Test
    void keygenGenerateHelp_keyFileMissing_noWarning() throws Exception {
        Path missing = dir.resolve("typo/keys.txt");
        for (String[] args : new String[][] {{"keygen", "-o", dir.resolve("new.txt").toString()},
                {"generate", "--bytes", "16"}, {"help", "get"}, {"get", "--help"}, {"git", "setup", "--help"}}) {
            Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", missing.toString()).run(args);
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.stderr());
            assertFalse(run.stderr().contains("SOPS_AGE_KEY_FILE"), String.join(" ", args) + ": " + run.stderr());
        }
        assertTrue(Files.exists(dir.resolve("new.txt")));
    }

    @Test
    void statusAndDecrypt_keyFileMissing_warnOnBothParsers() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Files.writeString(dir.resolve("plain.env"), "A=1\n");
        assertEquals(0, new Cli(dir).run("encrypt", "--age", keys.recipient(), "plain.env", "-o", "app.env")
                .exitCode());
        Path missing = dir.resolve("typo/keys.txt");
        for (String command : new String[] {"status", "decrypt"}) {
            Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", missing.toString()).run(command, "app.env");
            assertTrue(run.stderr().contains("SOPS_AGE_KEY_FILE names [" + missing + "]"), command + ": " + run.stderr());
        }
    }
}
