package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failing paths whose messages once carried Java names ({@code Cannot run program ... error=2}). */
class HumanErrorTextTest {
    @TempDir
    Path dir;

    private static void assertHuman(Cli.Run run) {
        assertFalse(run.stderr().contains("Exception") || run.stderr().contains("java.")
                || run.stderr().contains("error=") || run.stderr().contains("Cannot run program"), run.stderr());
    }

    @Test
    void exec_missingProgram_exit127SaysNotFound() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        encrypted.file("app.env.enc", "A=s3cr3t\n");
        Cli.Run run = encrypted.cli().run("exec", "app.env.enc", "--", "no-such-program-xyz");
        assertEquals(ExitCode.COMMAND_NOT_STARTED.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("[no-such-program-xyz]") && run.stderr().contains("not found"), run.stderr());
        assertHuman(run);
        assertFalse(run.stderr().contains("s3cr3t"));
    }

    @Test
    void exec_notExecutable_exit127SaysPermissionDenied() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        encrypted.file("app.env.enc", "A=1\n");
        Path script = Files.writeString(dir.resolve("tool.sh"), "echo hi\n");
        Cli.Run run = encrypted.cli().run("exec", "app.env.enc", "--", script.toString());
        assertEquals(ExitCode.COMMAND_NOT_STARTED.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("permission denied"), run.stderr());
        assertHuman(run);
    }
}
