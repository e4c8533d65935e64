package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render --out} and {@code decrypt -o} never replace the encrypted input, however the path reaches it. */
class OutputOntoInputTest {
    @TempDir
    Path dir;

    @Test
    void renderAndDecrypt_outputIsInputThroughSymlinkedFolder_refusedInputKept() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        Files.createDirectory(dir.resolve("real"));
        Path input = encrypted.file("real/app.env.enc", "API_TOKEN=s3cr3t-value\n");
        Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("real"));
        Files.createLink(dir.resolve("hard.env.enc"), input);
        byte[] before = Files.readAllBytes(input);
        Cli cli = encrypted.cli();
        for (String[] args : new String[][] {
                {"render", "real/app.env.enc", "--out", "linked/app.env.enc"},
                {"render", "real/app.env.enc", "--out", "hard.env.enc"},
                {"decrypt", "real/app.env.enc", "-o", "linked/app.env.enc"},
                {"decrypt", "linked/../real/app.env.enc", "-o", "hard.env.enc"}}) {
            Cli.Run run = cli.run(args);
            assertEquals(ExitCode.CONFLICTING_OPTIONS.code(), run.exitCode(), String.join(" ", args) + run.stderr());
            assertEquals("", run.out());
            assertTrue(run.stderr().contains("is the encrypted input"), run.stderr());
            assertFalse(run.stderr().contains("s3cr3t"), run.stderr());
            assertArrayEquals(before, Files.readAllBytes(input), "input kept: " + String.join(" ", args));
        }
    }
}
