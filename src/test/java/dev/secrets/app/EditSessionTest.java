package dev.secrets.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.EditFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal branch of an invalid edit, with a scripted prompt in place of the jline question. */
class EditSessionTest {
    @TempDir
    Path root;
    private EditFixture fx;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EditFixture(root);
        file = fx.encrypted("app.env", 2);
    }

    @AfterEach
    void noPlaintextLeft() throws Exception {
        fx.assertNoPlaintextLeft();
    }

    /** A prompt that answers from a script and records the problems it was shown. */
    private static final class ScriptedPrompt implements EditSession.Prompt {
        final List<String> shown = new ArrayList<>();
        private final List<Boolean> answers;

        ScriptedPrompt(Boolean... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public boolean reopen(String problem) {
            shown.add(problem);
            return answers.remove(0);
        }
    }

    private Environment env(Path editor) {
        Map<String, String> vars = new HashMap<>();
        vars.put("HOME", fx.work.toString());
        vars.put("PATH", System.getenv("PATH"));
        vars.put("SOPS_AGE_KEY_FILE", fx.keys.file().toString());
        vars.put("XDG_RUNTIME_DIR", fx.runtime.toString());
        vars.put("TMPDIR", fx.tmp.toString());
        vars.put("EDITOR", editor.toString());
        return new Environment(vars, fx.work, fx.work);
    }

    private static EditSession.Request request(String name) {
        return new EditSession.Request(Path.of(name), List.of(), null, List.of(), false, null);
    }

    @Test
    void run_invalidThenFixedAtPrompt_savesFixedTextOnSameTempFile() throws Exception {
        String fixed = fx.secret("fixed");
        fx.marker("half-typed-line");
        Path editor = fx.editor("twice", "n=$(cat \"$T/count\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$T/count\";"
                + " if [ $n = 1 ]; then echo 'half-typed-line' >> \"$1\";"
                + " else grep -q '^half-typed-line$' \"$1\" || exit 7; sed -i '/^half-typed-line$/d' \"$1\";"
                + " sed -i 's/^KEY_2=.*/KEY_2=" + fixed + "/' \"$1\"; fi");
        ScriptedPrompt prompt = new ScriptedPrompt(true);
        EditSession.Result result = EditSession.run(request("app.env"), env(editor), Clock.systemUTC(), prompt);
        assertEquals(EditSession.Outcome.SAVED, result.outcome());
        assertEquals(1, prompt.shown.size());
        assertTrue(prompt.shown.get(0).contains("[app.env] line 4"), prompt.shown.get(0));
        assertTrue(!prompt.shown.get(0).contains("half-typed-line"), "no content shown");
        List<Path> opened = fx.opened();
        assertEquals(2, opened.size());
        assertEquals(opened.get(0), opened.get(1), "reopened on the user's own text");
        Cli.Run get = fx.cli(null).run("get", "app.env", "KEY_2");
        assertEquals(fixed, get.out());
    }

    @Test
    void run_invalidThenDeclinedAtPrompt_rejectedAndSavedAside() throws Exception {
        byte[] before = Files.readAllBytes(file);
        fx.marker("broken-line");
        Path editor = fx.editor("once", "echo 'broken-line' >> \"$1\"");
        ScriptedPrompt prompt = new ScriptedPrompt(false);
        EditException e = assertThrows(EditException.class,
                () -> EditSession.run(request("app.env"), env(editor), Clock.systemUTC(), prompt));
        assertEquals(EditException.Kind.REJECTED, e.kind());
        assertTrue(Files.exists(e.savedAside()));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1, fx.opened().size());
    }

    @Test
    void run_invalidThenEditorAbortsOnReopen_earlierTextSavedAside() throws Exception {
        fx.marker("broken-line");
        Path editor = fx.editor("abort", "if [ -f \"$T/once\" ]; then exit 1; fi; touch \"$T/once\";"
                + " echo 'broken-line' >> \"$1\"");
        EditException e = assertThrows(EditException.class,
                () -> EditSession.run(request("app.env"), env(editor), Clock.systemUTC(), new ScriptedPrompt(true)));
        assertEquals(EditException.Kind.EDITOR_FAILED, e.kind());
        assertTrue(e.savedAside() != null && Files.exists(e.savedAside()), "nothing typed is lost");
    }
}
