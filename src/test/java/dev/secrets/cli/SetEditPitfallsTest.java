package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code set} and {@code edit} name the same dotenv pitfalls {@code encrypt} names, through one warning path. */
class SetEditPitfallsTest {
    @TempDir
    Path dir;

    private Keys encrypted() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Files.writeString(dir.resolve("plain.env"), "FIRST=first-v4lue\n");
        Cli.Run run = new Cli(dir).run("encrypt", "--age", keys.recipient(), "plain.env", "-o", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        return keys;
    }

    private Cli cli(Keys keys) {
        return new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
    }

    @Test
    void set_pitfallValues_oneWarningEachNamingKeyNeverTheValue() throws Exception {
        Keys keys = encrypted();
        for (String[] c : List.of(new String[] {"QUOTED", "\"quoted-v4lue\"", "the quotes around the value"},
                new String[] {"export EXPORTED", "exported-v4lue", "'export ' is kept as part of the key"},
                new String[] {"SPACED", " spaced-v4lue", "the space after '=' is kept"},
                new String[] {"COMMENTED", "commented-v4lue # prod", "' #' does not start a comment"})) {
            Cli.Run run = cli(keys).run("set", "app.env", c[0], c[1]);
            assertEquals(0, run.exitCode(), run.stderr());
            List<String> warnings = run.stderr().lines().filter(l -> l.startsWith("secrets: warning: ")).toList();
            assertEquals(1, warnings.size(), run.stderr());
            assertTrue(warnings.get(0).contains("key [" + c[0] + "]") && warnings.get(0).contains(c[2]),
                    run.stderr());
            assertFalse(run.stderr().contains("v4lue") || run.out().contains("v4lue"), "no value: " + run.stderr());
            Cli.Run quiet = cli(keys).run("--quiet", "set", "app.env", c[0], c[1]);
            assertEquals(0, quiet.exitCode(), quiet.stderr());
            assertEquals("", quiet.stderr());
        }
        Cli.Run plain = cli(keys).run("get", "app.env", "QUOTED");
        assertEquals("\"quoted-v4lue\"", plain.out().strip(), "sops's literal semantics kept");
    }

    @Test
    void set_oddButValidKeysEncryptAccepts_acceptedWithoutWarning() throws Exception {
        Keys keys = encrypted();
        for (String key : List.of("a.b-c", "_X", "KEY1", "lower_case", "X:Y")) {
            Cli.Run run = cli(keys).run("set", "app.env", key, "odd-v4lue");
            assertEquals(0, run.exitCode(), key + ": " + run.stderr());
            assertFalse(run.stderr().contains("warning"), run.stderr());
            assertEquals("odd-v4lue", cli(keys).run("get", "app.env", key).out().strip(), key);
        }
        Files.writeString(dir.resolve("odd.env"), "a.b-c=1\n_X=2\nKEY1=3\nlower_case=4\nX:Y=5\n");
        Cli.Run enc = new Cli(dir).run("encrypt", "--age", keys.recipient(), "odd.env", "-o", "odd.enc.env");
        assertEquals(0, enc.exitCode(), enc.stderr());
    }

    @Test
    void edit_pitfallsInEditedText_warnedNamingLineAndKeyNeverTheValue() throws Exception {
        Keys keys = encrypted();
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/bash\nprintf 'FIRST=first-v4lue\\nexport EXPORTED=exported-v4lue\\n"
                + "QUOTED=\"quoted-v4lue\"\\n' > \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Cli.Run run = cli(keys).env("EDITOR", editor.toString()).run("edit", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> warnings = run.stderr().lines().filter(l -> l.startsWith("secrets: warning: ")).toList();
        assertEquals(2, warnings.size(), run.stderr());
        assertTrue(run.stderr().contains("[app.env:2] key [export EXPORTED]: 'export ' is kept"), run.stderr());
        assertTrue(run.stderr().contains("[app.env:3] key [QUOTED]: the quotes around the value"), run.stderr());
        assertFalse(run.stderr().contains("v4lue") || run.out().contains("v4lue"), "no value: " + run.stderr());
    }

    @Test
    void encrypt_multiLineQuotedValue_errorSaysWriteNewlineAsBackslashN() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Files.writeString(dir.resolve("multi.env"), "CERT=\"first-v4lue\nsecond-v4lue\"\n");
        Cli.Run run = new Cli(dir).run("encrypt", "--age", keys.recipient(), "multi.env", "-o", "multi.enc.env");
        assertEquals(ExitCode.DOTENV_SYNTAX.code(), run.exitCode(), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().contains("[multi.env] line 2") && run.stderr().contains("write each newline as \\n"),
                run.stderr());
        assertFalse(run.stderr().contains("v4lue"), run.stderr());
        assertFalse(Files.exists(dir.resolve("multi.enc.env")));
    }
}
