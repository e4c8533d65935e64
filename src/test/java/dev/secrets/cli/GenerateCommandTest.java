package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets generate} on the command line. */
class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void generate_default_32BytesBase64OneLine() {
        Cli.Run run = new Cli(dir).run("generate");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.out().endsWith("\n"));
        assertEquals(32, Base64.getDecoder().decode(run.out().trim()).length);
    }

    @Test
    void generate_countAndEncoding_distinctLinesOfThatAlphabet() {
        Cli.Run run = new Cli(dir).run("generate", "--count", "50", "--encoding", "alnum", "--bytes", "16");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = List.of(run.out().split("\n"));
        assertEquals(50, lines.size());
        assertEquals(50, new HashSet<>(lines).size());
        lines.forEach(l -> assertTrue(l.matches("[A-Za-z0-9]{22}"), l));
        Cli.Run hex = new Cli(dir).run("generate", "--encoding", "hex", "--bytes", "20");
        assertTrue(hex.out().matches("[0-9a-f]{40}\n"), hex.out());
        Cli.Run url = new Cli(dir).run("generate", "--encoding", "base64url");
        assertTrue(url.out().matches("[A-Za-z0-9_-]{43}\n"), url.out());
    }

    @Test
    void generate_weakOrInvalid_usageErrors() {
        Cli.Run weak = new Cli(dir).run("generate", "--bytes", "15");
        assertEquals(64, weak.exitCode());
        assertTrue(weak.stderr().contains("--allow-weak"), weak.stderr());
        assertEquals(0, weak.stdout().length);
        Cli.Run allowed = new Cli(dir).run("generate", "--bytes", "8", "--allow-weak", "--encoding", "hex");
        assertTrue(allowed.out().matches("[0-9a-f]{16}\n"), allowed.out());
        assertEquals(64, new Cli(dir).run("generate", "--encoding", "base32").exitCode());
        assertEquals(64, new Cli(dir).run("generate", "--count", "0").exitCode());
    }
}
