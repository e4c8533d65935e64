package dev.secrets.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A test seam for crash safety: named points in the steps that change files or servers, where a test can make
 * the real process die abruptly. When the system property {@code secrets.test.crash} is set (only tests set it,
 * on the {@code java} command line), the process halts at the point it names with {@link Runtime#halt}: no
 * {@code finally} block, no shutdown hook, no flush runs, so the files and servers are left exactly as a
 * {@code kill -9} at that instant leaves them. Values: {@code NAME} (the first time NAME is reached),
 * {@code NAME#K} (the K-th time), or {@code #K} (the K-th point reached, whatever its name). With
 * {@code secrets.test.crash-trace=FILE} every point reached is appended to FILE, one name a line, so a test can
 * enumerate the points of a run. Without either property a point costs one field read.
 */
public final class CrashPoint {
    /** The exit status of a process halted at a crash point (as a shell reports a {@code kill -9}). */
    public static final int HALT_STATUS = 137;
    private static final String TARGET = System.getProperty("secrets.test.crash");
    private static final String TRACE = System.getProperty("secrets.test.crash-trace");
    private static final boolean ACTIVE = TARGET != null || TRACE != null;
    private static final java.util.Map<String, Integer> SEEN = new java.util.HashMap<>();
    private static int reached;

    private CrashPoint() {
    }

    /** Marks point {@code name}: halts the process there when a test asked for it. */
    public static void reach(String name) {
        if (ACTIVE) {
            hit(name);
        }
    }

    private static synchronized void hit(String name) {
        reached++;
        int times = SEEN.merge(name, 1, Integer::sum);
        if (TRACE != null) {
            try {
                Files.writeString(Path.of(TRACE), name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (TARGET != null && (TARGET.equals(name) || TARGET.equals(name + "#" + times)
                || TARGET.equals("#" + reached))) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
