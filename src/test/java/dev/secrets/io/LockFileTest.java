package dev.secrets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock file: one holder, stale locks of dead processes taken over, others respected. */
class LockFileTest {
    @TempDir
    Path dir;

    @Test
    void acquire_free_createsFileWithHolderAndCloseDeletes() throws Exception {
        Path path = dir.resolve(".a.lock");
        try (LockFile lock = LockFile.acquire(path, Instant.parse("2026-01-01T00:00:00Z"))) {
            LockFile.Holder holder = LockFile.read(path).orElseThrow();
            assertEquals(Long.toString(ProcessHandle.current().pid()), holder.pid());
            assertEquals(LockFile.hostName(), holder.host());
            assertEquals("2026-01-01T00:00:00Z", holder.started());
            assertEquals(path, lock.path());
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void acquire_heldByLiveProcess_refusedNamingHolder() throws Exception {
        Path path = dir.resolve(".a.lock");
        try (LockFile held = LockFile.acquire(path, Instant.now())) {
            LockFile.HeldException e = assertThrows(LockFile.HeldException.class,
                    () -> LockFile.acquire(path, Instant.now()));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
    }

    @Test
    void acquire_deadPidSameHost_takenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path path = dir.resolve(".a.lock");
        Files.writeString(path, "pid=" + dead.pid() + "\nhost=" + LockFile.hostName() + "\nstarted=x\n");
        try (LockFile lock = LockFile.acquire(path, Instant.now())) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), LockFile.read(path).orElseThrow().pid());
        }
    }

    @Test
    void acquire_otherHost_neverGuessedStale() throws Exception {
        Path path = dir.resolve(".a.lock");
        Files.writeString(path, "pid=1\nhost=some-other-host\nstarted=x\n");
        LockFile.HeldException e = assertThrows(LockFile.HeldException.class, () -> LockFile.acquire(path, Instant.now()));
        assertTrue(e.getMessage().contains("some-other-host"), e.getMessage());
        assertTrue(Files.exists(path));
    }

    @Test
    void acquire_fileLeftByACrashWithLivePid_takenOverBecauseNoOneHoldsIt() throws Exception {
        Path path = dir.resolve(".a.lock");
        Files.writeString(path, "pid=1\nhost=" + LockFile.hostName() + "\nstarted=x\n");
        try (LockFile lock = LockFile.acquire(path, Instant.now())) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), LockFile.read(path).orElseThrow().pid());
        }
    }

    @Test
    void acquire_heldByAnotherProcess_refusedAndReleasedWhenItDies() throws Exception {
        Path path = dir.resolve(".a.lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolderMain.class.getName(), path.toString()).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("held"), String.valueOf(line));
            LockFile.HeldException e = assertThrows(LockFile.HeldException.class, () -> LockFile.acquire(path, Instant.now()));
            assertTrue(e.getMessage().contains("pid " + holder.pid()), e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        assertTrue(Files.exists(path), "a killed holder leaves its file behind");
        try (LockFile lock = LockFile.acquire(path, Instant.now())) {
            assertTrue(Files.exists(lock.path()));
        }
    }
}
