package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One size limit: {@code encrypt} and {@code set} refuse, before writing, a result larger than what every command
 * reads, so they never make a file that nothing (not even {@code unset}) can open.
 */
class SizeLimitTest {
    /** Enough plaintext that its base64 ciphertext is over 64 MiB. */
    private static final int BIG = 52 * 1024 * 1024;
    @TempDir
    Path dir;

    @Test
    void encryptAndSet_resultOverReadLimit_refusedNothingWritten() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        byte[] value = new byte[BIG];
        Arrays.fill(value, (byte) 'x');
        byte[] plain = ("BIG=" + new String(value, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("big.env"), plain);
        Cli.Run encrypt = cli.run("encrypt", "--age", keys.recipient(), "big.env", "-o", "big.env.enc");
        assertEquals(ExitCode.OUTPUT_UNWRITABLE.code(), encrypt.exitCode(), encrypt.stderr());
        assertEquals("", encrypt.out());
        assertTrue(encrypt.stderr().contains("over the 64 MiB that secrets reads; nothing was written"),
                encrypt.stderr());
        assertEquals(1, encrypt.stderr().lines().filter(l -> l.startsWith("secrets:")).count(), encrypt.stderr());
        assertFalse(encrypt.stderr().contains("xxxxxxxx"), "no value in the message");
        assertFalse(Files.exists(dir.resolve("big.env.enc")));

        Files.writeString(dir.resolve("small.env"), "A=1\n");
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "small.env", "-o", "small.env.enc").exitCode());
        byte[] before = Files.readAllBytes(dir.resolve("small.env.enc"));
        Cli.Run set = cli.stdin(value).run("set", "small.env.enc", "BIG", "--stdin");
        assertEquals(ExitCode.OUTPUT_UNWRITABLE.code(), set.exitCode(), set.stderr());
        assertTrue(set.stderr().contains("nothing was written"), set.stderr());
        assertFalse(set.stderr().contains("xxxxxxxx"));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("small.env.enc")), "file unchanged");
        assertEquals(0, cli.run("unset", "small.env.enc", "A").exitCode(), "still opens");
    }
}
