package dev.secrets.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Runs an interactive editor on the terminal (standard streams inherited) and waits for it. A SIGTERM, SIGINT or
 * SIGHUP sent to this JVM meanwhile does not stop the JVM at once: it ends the editing session instead. The
 * editor is asked to stop with SIGTERM (editors such as vim ignore SIGINT, so forwarding that would leave them
 * running), then killed if it is still alive after a grace period, and only then does {@link #run} return, so
 * the caller can wipe the file being edited before the process exits. Like {@link ChildProcess}, this needs
 * {@code sun.misc.Signal}; the previous handlers are restored afterwards.
 *
 * <p>Note that an editor in raw terminal mode (vim, nano) receives no signal when Ctrl-C is typed: the key is
 * the editor's own business there.
 */
public final class EditorProcess {
    private static final long GRACE_MILLIS = 3000;

    private EditorProcess() {
    }

    /**
     * How the editor ended.
     *
     * @param exitCode the editor's status, {@code 128 + n} when signal {@code n} ended it
     * @param stoppedBy the signal name ({@code TERM}, {@code INT}, {@code HUP}) this JVM received that ended the
     *     session, or null when the editor ended on its own
     */
    public record Outcome(int exitCode, String stoppedBy) {
    }

    /**
     * Runs {@code command} in {@code workingDirectory} with exactly {@code environment}.
     *
     * @throws IOException when the editor cannot be started
     */
    public static Outcome run(List<String> command, Map<String, String> environment, java.nio.file.Path workingDirectory)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).inheritIO()
                .directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        GuardedChild.Exit exit = GuardedChild.run(builder, EditorProcess::stop);
        return new Outcome(exit.status(), exit.signal());
    }

    /** Ends the editing session: SIGTERM to the editor, SIGKILL after the grace period. */
    private static void stop(Signal signal, Process editor) {
        editor.destroy();
        try {
            if (!editor.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                editor.destroyForcibly();
            }
        } catch (InterruptedException e) {
            editor.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
