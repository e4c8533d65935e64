package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit 64, as docs/exit-codes.md says, with one line naming what is missing. */
class UsageErrorsTest {
    @TempDir
    Path dir;

    @Test
    void exec_noCommand_exit64OneLine() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        encrypted.file("app.env.enc", "A=s3cr3t-usage\n");
        Cli.Run run = encrypted.cli().run("exec", "app.env.enc");
        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.stderr());
        assertEquals("", run.out());
        assertEquals("secrets: no command given: secrets exec FILE -- COMMAND\n", run.stderr());
        assertTrue(!run.stderr().contains("s3cr3t"));
    }
}
