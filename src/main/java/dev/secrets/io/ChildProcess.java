package dev.secrets.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;

/**
 * Runs a command the way {@code secrets exec} does: standard input, output and error inherited, an environment
 * given in full, and the command's exit status returned as a shell reports it ({@code 128 + n} when the command
 * was killed by signal {@code n}, e.g. 137 for SIGKILL, 143 for SIGTERM).
 *
 * <p>Signals: while the command runs, SIGTERM, SIGINT and SIGHUP sent to this JVM no longer stop it; they are
 * handed to the command, and this JVM waits for the command to exit and returns its status. That needs
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}): it is the only JDK API that can intercept a signal
 * before the JVM starts shutting down; {@code ProcessHandle} can only send SIGTERM/SIGKILL to others and shutdown
 * hooks cannot keep the JVM alive. The previous handlers are restored when the command exits. SIGTERM is passed
 * on with {@link Process#destroy()} (which sends SIGTERM); SIGINT and SIGHUP with {@code kill -s}, except when
 * this process is in its terminal's foreground process group, because then the terminal already sent the same
 * signal to the command (Ctrl-C reaches the whole group) and a second one would look like a second Ctrl-C.
 * A signal ignored when the JVM started (e.g. SIGINT for {@code cmd &}) stays ignored, for us and the command.
 * SIGKILL cannot be caught: the command then keeps running, and a {@code --file} copy stays until the next boot
 * when it lives on {@code /dev/shm}.
 */
public final class ChildProcess {

    private ChildProcess() {
    }

    /**
     * The environment for a child: the variables of {@code env} when {@code inherit} is true (else none),
     * overridden by {@code added}.
     */
    public static Map<String, String> environment(Environment env, boolean inherit, Map<String, String> added) {
        Map<String, String> variables = new LinkedHashMap<>(inherit ? env.variables() : Map.of());
        variables.putAll(added);
        return variables;
    }

    /**
     * Runs {@code command} with exactly {@code environment} and waits for it, forwarding signals (see above).
     * The program is looked up in this process's {@code PATH}.
     *
     * @return the command's exit status, {@code 128 + signal} when a signal ended it
     * @throws IOException when the command cannot be started (not found, not executable)
     */
    public static int run(List<String> command, Map<String, String> environment, Path workingDirectory)
            throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO().directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return GuardedChild.run(builder, ChildProcess::forward).status();
    }

    /**
     * Like {@link #run}, but first writes {@code content} to a file named {@code fileName} (mode 0600) in a new
     * {@link PrivateTempDir} and replaces every {@code {}} in the arguments with the file's path (as
     * {@code sops exec-file} does). The file is overwritten with zeros and deleted when the command exits,
     * also when a forwarded signal ended it, and by the temp folder's shutdown hook if the JVM is stopped.
     *
     * @param fileName a plain file name: no {@code /}, not empty, {@code .} or {@code ..}
     * @return the command's exit status
     */
    public static int runWithFile(List<String> command, Map<String, String> environment, Path workingDirectory,
            Environment env, String fileName, byte[] content) throws IOException {
        if (fileName.isEmpty() || fileName.equals(".") || fileName.equals("..") || fileName.indexOf('/') >= 0
                || fileName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("file name [" + fileName + "] must be a plain name");
        }
        try (PrivateTempDir folder = PrivateTempDir.create(env)) {
            Path file = folder.writeFile(fileName, content);
            List<String> withPath = new ArrayList<>(command.size());
            for (String argument : command) {
                withPath.add(argument.replace("{}", file.toString()));
            }
            return run(withPath, environment, workingDirectory);
        }
    }

    /** Passes a signal on: TERM always; INT and HUP only when the terminal did not already send them. */
    private static void forward(Signal signal, Process child) {
        if (signal.getName().equals("TERM")) {
            child.destroy();
        } else if (!inForegroundOfTerminal()) {
            sendWithKill(signal.getName(), child.pid());
        }
    }

    private static void sendWithKill(String signalName, long pid) {
        try {
            new ProcessBuilder("kill", "-s", signalName, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            System.err.println("secrets: could not forward SIG" + signalName + " to the command: " + StartFailures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether this process belongs to the foreground process group of its controlling terminal (Linux
     * {@code /proc/self/stat}: field 5 {@code pgrp} equals field 8 {@code tpgid}). False when unknown.
     */
    static boolean inForegroundOfTerminal() {
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc/self/stat")), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is field 3 (state): pgrp is fields[2], tpgid is fields[5].
            long pgrp = Long.parseLong(fields[2]);
            long tpgid = Long.parseLong(fields[5]);
            return tpgid > 0 && tpgid == pgrp;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
