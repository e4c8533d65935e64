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
 * The real command line in its own JVM (the test class path, {@code dev.secrets.cli.Main}), for what an
 * in-process run cannot show: {@code kill -9}, resource limits, signals, a process's own exit status.
 */
public final class SecretsProcess {
    private SecretsProcess() {
    }

    /** {@code java ... dev.secrets.cli.Main}, without the arguments. */
    public static List<String> javaCommand() {
        return javaCommand(List.of());
    }

    /**
     * As {@link #javaCommand()}, with extra JVM options, e.g. {@code -Dsecrets.test.crash=write.temp-written} to
     * make the process die abruptly at a crash point ({@code dev.secrets.io.CrashPoint}).
     */
    public static List<String> javaCommand(List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.secrets.cli.Main"));
        return command;
    }

    /**
     * Writes an executable {@code secrets} script into {@code binDir} that runs this build's command line, so
     * shell scripts under test can call {@code secrets} from their {@code PATH}.
     */
    public static Path installLauncher(Path binDir) throws IOException {
        Files.createDirectories(binDir);
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (String part : javaCommand()) {
            script.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Path launcher = binDir.resolve("secrets");
        Files.writeString(launcher, script.toString());
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    /** Output of a finished process. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        /** Stdout as UTF-8. */
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code command} in {@code dir} with exactly {@code env}, waiting at most a minute. */
    public static Result run(List<String> command, Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[][] err = new byte[1][];
        Thread errReader = new Thread(() -> {
            try {
                err[0] = process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                err[0] = new byte[0];
            }
        });
        errReader.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        errReader.join();
        return new Result(process.exitValue(), out, new String(err[0], StandardCharsets.UTF_8));
    }
}
