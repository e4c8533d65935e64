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

    @BeforeEach
    void setUp() throws Exception {
        for (String program : List.of("tmux", "vim")) {
            if (!onPath(program)) {
                if (System.getenv("CI") != null) {
                    throw new AssertionError(program + " is missing on CI (apt-get install tmux vim)");
                }
                Assumptions.abort(program + " is not installed");
            }
        }
        fx = new EditFixture(root);
        fx.encrypted("app.env", 3);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fx != null) {
            tmux("kill-server");
            fx.assertNoPlaintextLeft();
        }
    }

    @Test
    void edit_vimInTmux_navigateChangeValueAndQuit_fileUpdated() throws Exception {
        String typed = "typed" + UUID.randomUUID().toString().substring(0, 8);
        fx.marker(typed);
        start();
        awaitScreen("KEY_2=");
        // Go to KEY_2's line, replace what follows '=', save and quit.
        tmux("send-keys", "-t", "edit", "gg", "j", "j", "0", "f=", "l", "D");
        tmux("send-keys", "-t", "edit", "-l", "a" + typed);
        tmux("send-keys", "-t", "edit", "Escape", ":wq", "Enter");
        assertEquals("0", awaitExit(), screen());
        assertEquals(typed, get("KEY_2"));
        assertEquals(fx.values.get("KEY_1"), get("KEY_1"));
    }

    @Test
    void edit_invalidAtTerminal_jlinePromptYesReopensVim_fixedAndSaved() throws Exception {
        start();
        awaitScreen("KEY_2=");
        tmux("send-keys", "-t", "edit", ":%s/^KEY_1=.*/KEY_1=viaprompt/", "Enter");
        tmux("send-keys", "-t", "edit", "G", "o", "this line is broken", "Escape", ":wq", "Enter");
        awaitScreen("Reopen the editor to fix it? [Y/n]");
        assertTrue(screen().contains("[app.env] line 5"), screen());
        tmux("send-keys", "-t", "edit", "y", "Enter");
        awaitScreen("this line is broken");
        tmux("send-keys", "-t", "edit", "G", "dd", ":wq", "Enter");
        assertEquals("0", awaitExit(), screen());
        assertEquals("viaprompt", get("KEY_1"));
    }

    private void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = fx.tools.resolve("run.sh");
        Files.writeString(script, "#!/bin/bash\ncd '" + fx.work + "'\n"
                + "export HOME='" + fx.work + "' SOPS_AGE_KEY_FILE='" + fx.keys.file() + "' XDG_RUNTIME_DIR='"
                + fx.runtime + "' TMPDIR='" + fx.tmp + "' SOPS_EDITOR='" + VIM + "'\n"
                + "'" + java + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '" + System.getProperty("java.class.path")
                + "' " + Main.class.getName() + " edit app.env\n"
                + "echo $? > '" + fx.tools.resolve("exit.tmp") + "'; mv '" + fx.tools.resolve("exit.tmp") + "' '"
                + fx.tools.resolve("exit") + "'\nsleep 30\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        tmux("new-session", "-d", "-s", "edit", "-x", "120", "-y", "40", script.toString());
    }

    private String get(String key) {
        Cli.Run run = fx.cli(null).run("get", "app.env", key);
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out();
    }

    private String awaitExit() throws Exception {
        Path exit = fx.tools.resolve("exit");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(exit)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("secrets did not finish; screen:\n" + screen());
            }
            Thread.sleep(50);
        }
        return Files.readString(exit).trim();
    }

    private void awaitScreen(String text) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!screen().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for [" + text + "]; screen:\n" + screen());
            }
            Thread.sleep(50);
        }
    }

    private String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-t", "edit");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", root.resolve("tmux.sock").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TERM", "xterm-256color");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
