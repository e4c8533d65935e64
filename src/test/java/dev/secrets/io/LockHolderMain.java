package dev.secrets.io;

import java.nio.file.Path;
import java.time.Instant;

/** Test helper run in its own JVM: takes the lock at args[0], prints "held", then sleeps until killed. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        LockFile lock = LockFile.acquire(Path.of(args[0]), Instant.now());
        System.out.println("held " + lock.path());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
