package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.EditFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.secrets.testsupport.Tmux;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets edit} at a real terminal: Debian's {@code vim} in a detached {@code tmux} session, driven with
 * {@code send-keys} as a person would type, and (second test) the real jline question after an invalid edit.
 * Skipped without tmux or vim, except on CI (variable CI set), where they must be installed.
 */
class EditTerminalTest {
    private static final String VIM = "vim -u NONE -i NONE -n";

    @TempDir
    Path root;
    private EditFixture fx;
    private Tmux terminal;

    @BeforeEach
    void setUp() throws Exception {
        terminal = Tmux.open(root, "vim");
        fx = new EditFixture(root);
        fx.encrypted("app.env", 3);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fx != null) {
            terminal.close();
            fx.assertNoPlaintextLeft();
        }
    }

    @Test
    void edit_vimInTmux_navigateChangeValueAndQuit_fileUpdated() throws Exception {
        String typed = "typed" + UUID.randomUUID().toString().substring(0, 8);
        fx.marker(typed);
        start();
        terminal.awaitScreen("KEY_2=");
        // Go to KEY_2's line, replace what follows '=', save and quit.
        terminal.keys("gg", "j", "j", "0", "f=", "l", "D");
        terminal.type("a" + typed);
        terminal.keys("Escape", ":wq", "Enter");
        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertEquals(typed, fx.get("KEY_2"));
        assertEquals(fx.values.get("KEY_1"), fx.get("KEY_1"));
    }

    @Test
    void edit_invalidAtTerminal_jlinePromptYesReopensVim_fixedAndSaved() throws Exception {
        start();
        terminal.awaitScreen("KEY_2=");
        terminal.keys(":%s/^KEY_1=.*/KEY_1=viaprompt/", "Enter");
        terminal.keys("G", "o", "this line is broken", "Escape", ":wq", "Enter");
        terminal.awaitScreen("Reopen the editor to fix it? [Y/n]");
        assertTrue(terminal.screen().contains("[app.env] line 5"), terminal.screen());
        terminal.keys("y", "Enter");
        terminal.awaitScreen("this line is broken");
        terminal.keys("G", "dd", ":wq", "Enter");
        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertEquals("viaprompt", fx.get("KEY_1"));
    }

    private void start() throws Exception {
        terminal.startSecrets(fx.work, Map.of("HOME", fx.work.toString(), "SOPS_AGE_KEY_FILE", fx.keys.file().toString(),
                "XDG_RUNTIME_DIR", fx.runtime.toString(), "TMPDIR", fx.tmp.toString(), "SOPS_EDITOR", VIM), "edit", "app.env");
    }

}
