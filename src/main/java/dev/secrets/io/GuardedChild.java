package dev.secrets.io;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs one child process while this JVM's SIGTERM, SIGINT and SIGHUP are handled by a {@link Reaction} instead of
 * stopping the JVM, and waits for the child even when interrupted. A signal already ignored when we started
 * ({@code nohup}, {@code cmd &}) stays ignored; the previous handlers are restored afterwards. Handlers are
 * process-wide, so only one guarded child runs at a time.
 */
final class GuardedChild {
    private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");
    private static final Object ONE_AT_A_TIME = new Object();

    private GuardedChild() {
    }

    /** What to do with a signal this JVM received while the child runs (called on a signal thread). */
    interface Reaction {
        void onSignal(Signal signal, Process child);
    }

    /**
     * How the child ended.
     *
     * @param status its exit status; {@code 128 + n} when signal {@code n} arrived before it could start
     * @param signal the name of the first signal this JVM received meanwhile, or null
     */
    record Exit(int status, String signal) {
    }

    /** Starts {@code builder}'s process and waits for it, reacting to signals with {@code reaction}. */
    static Exit run(ProcessBuilder builder, Reaction reaction) throws IOException {
        synchronized (ONE_AT_A_TIME) {
            Guard guard = new Guard(reaction);
            Map<Signal, SignalHandler> previous = guard.install();
            try {
                return guard.startAndWait(builder);
            } finally {
                previous.forEach(Signal::handle);
            }
        }
    }

    private static final class Guard implements SignalHandler {
        private final Reaction reaction;
        private Process child;
        private String received;

        Guard(Reaction reaction) {
            this.reaction = reaction;
        }

        Map<Signal, SignalHandler> install() {
            Map<Signal, SignalHandler> previous = new HashMap<>();
            for (String name : SIGNALS) {
                Signal signal = new Signal(name);
                try {
                    SignalHandler old = Signal.handle(signal, this);
                    if (old == SignalHandler.SIG_IGN) {
                        Signal.handle(signal, old);
                    } else {
                        previous.put(signal, old);
                    }
                } catch (IllegalArgumentException unavailable) {
                    // Reserved by the JVM (-Xrs) or the OS: that signal keeps its default behaviour.
                }
            }
            return previous;
        }

        Exit startAndWait(ProcessBuilder builder) throws IOException {
            Process started;
            synchronized (this) {
                if (received != null) {
                    return new Exit(128 + new Signal(received).getNumber(), received);
                }
                started = builder.start();
                child = started;
            }
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        int status = started.waitFor();
                        synchronized (this) {
                            return new Exit(status, received);
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
                target = child;
            }
            if (target != null && target.isAlive()) {
                reaction.onSignal(signal, target);
            }
        }
    }
}
