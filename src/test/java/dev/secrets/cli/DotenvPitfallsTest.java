package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code encrypt} names each dotenv pitfall sops keeps literally: one line per finding, line and key, no value. */
class DotenvPitfallsTest {
    @TempDir
    Path dir;

    @Test
    void encrypt_commonPitfalls_oneWarningEachNamingLineAndKeyNeverTheValue() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Files.writeString(dir.resolve("app.env"), "# settings\n"
                + "QUOTED=\"quoted-v4lue\"\n"
                + "export EXPORTED=exported-v4lue\n"
                + "SPACED = spaced-v4lue\n"
                + "COMMENTED=commented-v4lue # the prod one\n"
                + "FINE=fine-v4lue\n"
                + "FINE=again-v4lue\n");
        Cli.Run run = new Cli(dir).run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.out());
        List<String> lines = run.stderr().lines().toList();
        assertEquals(6, lines.size(), run.stderr());
        for (String expected : List.of("[app.env:2] key [QUOTED]: the quotes around the value are kept",
                "[app.env:3] key [export EXPORTED]: 'export ' is kept as part of the key",
                "[app.env:4] key [SPACED]: spaces around the key are kept",
                "[app.env:4] key [SPACED]: the space after '=' is kept",
                "[app.env:5] key [COMMENTED]: ' #' does not start a comment",
                "[app.env:7] key [FINE]: appears again (first on line 6)")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(expected)), expected + " in " + run.stderr());
        }
        assertFalse(run.stderr().contains("v4lue") || run.stderr().contains("prod one"), "no value: " + run.stderr());
        Cli.Run plain = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString()).run("decrypt", "app.env.enc");
        assertTrue(plain.out().contains("QUOTED=\"quoted-v4lue\"\n"), "sops's literal semantics kept");
    }
}
