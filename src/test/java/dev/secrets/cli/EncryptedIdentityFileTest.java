package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An identity file protected with {@code age -p} (made by the real age CLI, its passphrase typed in a tmux
 * terminal): {@code secrets} asks for the passphrase once on the terminal with echo off; without a terminal it
 * fails with exit 30, and a wrong passphrase fails with exit 29.
 */
class EncryptedIdentityFileTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String PLAIN = "DB_PASSWORD=behind-a-passphrase\n";

    @TempDir
    Path dir;
    private Tmux terminal;
    private Path protectedKeys;

    @BeforeEach
    void setUp() throws Exception {
        Programs.require("age", "apt-get install age");
        terminal = Tmux.open(dir, "age");
        Keys keys = Keys.create(dir.resolve("keys.txt"));
        protectedKeys = dir.resolve("keys.age");
        terminal.start(dir, Map.of(), "age", "-p", "-a", "-o", protectedKeys.toString(), keys.file().toString());
        terminal.answer("Enter passphrase", PASSPHRASE);
        terminal.answer("Confirm passphrase", PASSPHRASE);
        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertTrue(Files.readString(protectedKeys).startsWith("-----BEGIN AGE ENCRYPTED FILE-----"));
        Files.delete(keys.file());
        Files.writeString(dir.resolve("app.env"), PLAIN);
        Cli.Run enc = new Cli(dir).run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc");
        assertEquals(0, enc.exitCode(), enc.stderr());
    }

    @AfterEach
    void close() throws Exception {
        terminal.close();
    }

    @Test
    void decrypt_ageProtectedIdentityFileAtTerminal_asksOnceWithoutEcho() throws Exception {
        terminal.startSecrets(dir, Map.of("HOME", dir.toString(), "SOPS_AGE_KEY_FILE", protectedKeys.toString()),
                "decrypt", "app.env.enc", "-o", "out.env");
        terminal.awaitScreen("Enter passphrase for identity file SOPS_AGE_KEY_FILE [" + protectedKeys + "]");
        terminal.type(PASSPHRASE);
        terminal.keys("Enter");

        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertEquals(PLAIN, Files.readString(dir.resolve("out.env")));
        assertFalse(terminal.screen().contains(PASSPHRASE), "echoed: " + terminal.screen());
        assertEquals(1, terminal.screen().split("Enter passphrase", -1).length - 1, "asked once: " + terminal.screen());
    }

    @Test
    void decrypt_wrongPassphraseAtTerminal_exit29NamingTheFile() throws Exception {
        terminal.startSecrets(dir, Map.of("HOME", dir.toString(), "SOPS_AGE_KEY_FILE", protectedKeys.toString()),
                "decrypt", "app.env.enc", "-o", "out.env");
        terminal.awaitScreen("Enter passphrase for identity file");
        terminal.type("not the passphrase");
        terminal.keys("Enter");

        assertEquals("29", terminal.awaitExit(), terminal.screen());
        assertTrue(terminal.screen().contains("the passphrase for identity file SOPS_AGE_KEY_FILE [" + protectedKeys
                + "] is wrong"), terminal.screen());
        assertFalse(Files.exists(dir.resolve("out.env")));
    }

    @Test
    void decrypt_protectedIdentityFileWithoutTerminal_exit30WithHint() {
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", protectedKeys.toString()).run("decrypt", "app.env.enc");

        assertEquals(30, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("is passphrase-encrypted and there is no terminal"), run.stderr());
        assertTrue(run.stderr().contains("SOPS_AGE_KEY_CMD"), run.stderr());
        assertEquals("", run.out());
    }
}
