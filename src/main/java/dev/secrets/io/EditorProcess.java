package dev.secrets.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
    private static final List<String> STOPPING = List.of("TERM", "INT", "HUP");
    private static final long GRACE_MILLIS = 3000;
    private static final Object ONE_AT_A_TIME = new Object();

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
        synchronized (ONE_AT_A_TIME) {
            Stopper stopper = new Stopper();
            Map<Signal, SignalHandler> previous = stopper.install();
            try {
                return stopper.startAndWait(builder);
            } finally {
                previous.forEach(Signal::handle);
            }
        }
    }

    private static final class Stopper implements SignalHandler {
        private Process editor;
        private String received;

        Map<Signal, SignalHandler> install() {
            Map<Signal, SignalHandler> previous = new HashMap<>();
            for (String name : STOPPING) {
                Signal signal = new Signal(name);
                try {
                    SignalHandler old = Signal.handle(signal, this);
                    if (old == SignalHandler.SIG_IGN) {
                        Signal.handle(signal, old); // ignored when we started (nohup, cmd &): keep it so
                    } else {
                        previous.put(signal, old);
                    }
                } catch (IllegalArgumentException unavailable) {
                    // Reserved by the JVM (-Xrs): that signal keeps its default behaviour.
                }
            }
            return previous;
        }

        Outcome startAndWait(ProcessBuilder builder) throws IOException {
            Process started;
            synchronized (this) {
                if (received != null) {
                    return new Outcome(128 + new Signal(received).getNumber(), received);
                }
                started = builder.start();
                editor = started;
            }
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        int status = started.waitFor();
                        synchronized (this) {
                            return new Outcome(status, received);
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void handle(Signal signal) {
            Process target;
            synchronized (this) {
                if (received == null) {
                    received = signal.getName();
                }
                target = editor;
            }
            if (target == null || !target.isAlive()) {
                return;
            }
            target.destroy();
            try {
                if (!target.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    target.destroyForcibly();
                }
            } catch (InterruptedException e) {
                target.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
