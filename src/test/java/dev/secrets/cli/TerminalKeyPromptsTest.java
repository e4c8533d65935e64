package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.secrets.testsupport.AgeTestPlugin;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.SshKeys;
import dev.secrets.testsupport.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A protected SSH key's passphrase and a plugin's PIN request, typed on a real terminal (tmux), echo off. */
class TerminalKeyPromptsTest {
    private static final String PLAIN = "TOKEN=asked-at-the-terminal\n";

    @TempDir
    Path dir;
    private Tmux terminal;

    @AfterEach
    void close() throws Exception {
        if (terminal != null) {
            terminal.close();
        }
    }

    @Test
    void decrypt_fileForProtectedSshKeyAtTerminal_asksPassphraseWithoutEcho() throws Exception {
        terminal = Tmux.open(dir, "ssh-keygen");
        SshKeys key = SshKeys.generate(dir.resolve("id_ed25519"), "ssh pass 7");
        Files.writeString(dir.resolve("app.env"), PLAIN);
        assertEquals(0, new Cli(dir).run("encrypt", "--age", key.publicLine(), "app.env", "-o", "app.env.enc").exitCode());

        terminal.startSecrets(dir, Map.of("HOME", dir.toString(), "SOPS_AGE_SSH_PRIVATE_KEY_FILE", key.privateKey().toString()),
                "decrypt", "app.env.enc", "-o", "out.env");
        terminal.answer("Enter passphrase for SSH key", "ssh pass 7");

        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertEquals(PLAIN, Files.readString(dir.resolve("out.env")));
        assertFalse(terminal.screen().contains("ssh pass 7"), terminal.screen());
    }

    @Test
    void decrypt_pluginRequestsSecretAtTerminal_typedPinReachesThePlugin() throws Exception {
        terminal = Tmux.open(dir);
        AgeTestPlugin.install(dir.resolve("bin"));
        AgeTestPlugin.Keys keys = AgeTestPlugin.generate();
        Files.writeString(dir.resolve("plugin-keys.txt"), keys.identity() + "\n");
        Files.writeString(dir.resolve("app.env"), PLAIN);
        String path = dir.resolve("bin") + ":" + System.getenv("PATH");
        assertEquals(0, new Cli(dir).env("PATH", path).run("encrypt", "--age", keys.recipient(), "app.env", "-o",
                "app.env.enc").exitCode());

        terminal.startSecrets(dir, Map.of("HOME", dir.toString(), "PATH", path, "SECRETSTEST_MODE", "pin",
                "SOPS_AGE_KEY_FILE", dir.resolve("plugin-keys.txt").toString()), "decrypt", "app.env.enc", "-o", "out.env");
        terminal.answer("age-plugin-secretstest: PIN for the test token?", "1234");

        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertEquals(PLAIN, Files.readString(dir.resolve("out.env")));
        assertFalse(terminal.screen().contains("1234"), terminal.screen());
    }
}
