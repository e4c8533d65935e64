package dev.secrets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Child processes with chatty output never block on a full pipe, and oversized stdout is an error. */
class ProcessRunnerTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    @Test
    void capture_largeStderr_drainedAndChildFinishes() throws IOException {
        ProcessRunner.Result result = ProcessRunner.capture(List.of("sh", "-c", "head -c 300000 /dev/zero >&2; echo ok"),
                ENV, null, 10, 1024);
        assertEquals(0, result.exitCode());
        assertEquals("ok\n", new String(result.stdout()));
        assertTrue(result.stderr().length() <= 64 * 1024);
    }

    @Test
    void capture_stdoutOverLimit_failsInsteadOfTruncating() {
        IOException e = assertThrows(IOException.class, () -> ProcessRunner.capture(
                List.of("sh", "-c", "head -c 5000 /dev/zero"), ENV, null, 10, 1000));
        assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());
    }

    @Test
    void capture_timeout_killsTheChildsChildrenToo() throws Exception {
        long start = System.nanoTime();
        assertThrows(IOException.class, () -> ProcessRunner.capture(List.of("sh", "-c", "sleep 30 & wait"), ENV, null, 1, 100));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }
}
