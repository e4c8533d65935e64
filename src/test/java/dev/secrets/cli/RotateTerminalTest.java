package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code manual} step of {@code secrets rotate} at a real terminal (tmux): the instructions are shown, the new
 * value is typed hidden (masked), and it lands in the encrypted file.
 */
class RotateTerminalTest {
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
    void rotateAll_manualKeyAtTerminal_typedHiddenAndStored() throws Exception {
        terminal = Tmux.open(dir);
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("app.env"), "JWT_SECRET=old-jwt\nANTHROPIC_API_KEY=sk-old\n");
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc").exitCode());
        Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n"
                + "  - key: JWT_SECRET\n    generate: {bytes: 32, encoding: hex}\n"
                + "  - key: ANTHROPIC_API_KEY\n    manual: \"Issue a new key in the console, paste it here.\"\n");

        terminal.startSecrets(dir, Map.of("HOME", dir.toString(), "SOPS_AGE_KEY_FILE", keys.file().toString()),
                "rotate", "app.env.enc", "--all");
        terminal.awaitScreen("new value for ANTHROPIC_API_KEY");
        assertTrue(terminal.screen().contains("Issue a new key in the console"), terminal.screen());
        String typed = "sk-typed-9f8e7d";
        terminal.type(typed);
        terminal.keys("Enter");
        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertFalse(terminal.screen().contains(typed), "the value is not echoed: " + terminal.screen());
        assertEquals(typed, new String(cli.run("get", "app.env.enc", "ANTHROPIC_API_KEY").stdout()));
        assertNotEquals("old-jwt", new String(cli.run("get", "app.env.enc", "JWT_SECRET").stdout()));
    }
}
