package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary copy a killed writer left ({@code .FILE.tmp-*}) is removed by the next command that writes FILE. */
class KilledWriterLeftoversTest {
    @TempDir
    Path dir;

    @Test
    void set_abandonedTempOfTheFile_removedBeforeWriting() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        encrypted.file("app.env.enc", "A=1\n");
        Path abandoned = dir.resolve(".app.env.enc.tmp-0123456789ab");
        Files.writeString(abandoned, "ciphertext a killed writer never renamed");
        // Not in the working folder (which every command cleans, see KillNineLeftoversTest) and not FILE's.
        Path unrelated = Files.createDirectory(dir.resolve("other")).resolve(".other.env.tmp-0123456789ab");
        Files.writeString(unrelated, "another file's");
        Cli.Run run = encrypted.cli().run("set", "app.env.enc", "B", "2");
        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(Files.exists(abandoned), "the killed writer's temp file is cleaned");
        assertEquals("another file's", Files.readString(unrelated), "another file's temp is left alone");
    }
}
