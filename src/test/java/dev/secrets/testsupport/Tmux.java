package dev.secrets.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for tests: one detached tmux session (private socket) running {@code secrets} in a fresh JVM,
 * typed into with {@code send-keys} and read with {@code capture-pane}. Missing tmux (or another program the test
 * names) skips the test, except on CI (variable CI set), where it fails.
 */
public final class Tmux implements AutoCloseable {
    private final Path socket;
    private final Path exit;
    /** Each start gets its own session (killing the old one could take the server down under the new one). */
    private String session = "t";
    private int starts;

    private Tmux(Path folder) {
        this.socket = folder.resolve("tmux.sock");
        this.exit = folder.resolve("exit");
    }

    /** A terminal whose files live in {@code folder}; checks that {@code programs} (and tmux) are installed. */
    public static Tmux open(Path folder, String... programs) {
        for (String program : programs) {
            Programs.require(program, "scripts/install-peers.sh installs it");
        }
        Programs.require("tmux", "scripts/install-peers.sh installs it");
        return new Tmux(folder);
    }

    /** Starts {@code secrets ARGS} in {@code workDir} with {@code env} exported, in a 120x40 terminal. */
    public void startSecrets(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), "dev.secrets.cli.Main"));
        command.addAll(List.of(args));
        start(workDir, env, command.toArray(String[]::new));
    }

    /** Starts {@code command} (a program and its arguments, e.g. the real {@code age}) like {@link #startSecrets}. */
    public void start(Path workDir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("#!/bin/bash\ncd '" + workDir + "'\n");
        env.forEach((k, v) -> script.append("export ").append(k).append("='").append(v).append("'\n"));
        for (String arg : command) {
            script.append("'").append(arg).append("' ");
        }
        script.append("\necho $? > '").append(exit).append(".tmp'; mv '").append(exit).append(".tmp' '").append(exit)
                .append("'\nsleep 30\n");
        Path file = exit.resolveSibling("run-" + (starts + 1) + ".sh");
        Files.deleteIfExists(exit);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        session = "t" + ++starts;
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", file.toString());
    }

    /** Types {@code keys} (tmux key names such as {@code Enter}, {@code Escape}, or text). */
    public void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Types {@code text} literally. */
    public void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-l", text);
    }

    /** Waits for {@code prompt}, then types {@code answer} and Enter (e.g. a passphrase prompt). */
    public void answer(String prompt, String answer) throws Exception {
        awaitScreen(prompt);
        type(answer);
        keys("Enter");
    }

    /** Waits up to 30 s until the screen shows {@code text}. */
    public void awaitScreen(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!screen().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for [" + text + "]; screen:\n" + screen());
            }
            Thread.sleep(50);
        }
    }

    /** Waits up to 30 s for {@code secrets} to exit and returns its exit status. */
    public String awaitExit() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(exit)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("secrets did not finish; screen:\n" + screen());
            }
            Thread.sleep(50);
        }
        return Files.readString(exit).trim();
    }

    /** What the terminal shows now. */
    public String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-t", session);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        tmux("kill-server");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TERM", "xterm-256color");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
