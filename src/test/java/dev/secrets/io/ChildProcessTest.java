package dev.secrets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    private static final String NASTY = "it's \"$HOME\" `id` \\ # = \n\r\n\t é 🔑  ";

    @TempDir
    Path dir;

    @Test
    void run_addedVariables_deliveredExactlyOnTopOfInherited() throws Exception {
        Environment env = new Environment(Map.of("INHERITED", "yes", "PATH", System.getenv("PATH")), dir, dir);
        Map<String, String> childEnv = ChildProcess.environment(env, true, Map.of("SECRET", NASTY, "INHERITED", "over"));
        Path dump = dir.resolve("dump");
        int code = ChildProcess.run(List.of("bash", "-c", "env -0 > \"$1\"", "_", dump.toString()), childEnv, dir);
        assertEquals(0, code);
        Map<String, byte[]> seen = parseEnvDump(Files.readAllBytes(dump));
        assertArrayEquals(NASTY.getBytes(StandardCharsets.UTF_8), seen.get("SECRET"));
        assertArrayEquals("over".getBytes(StandardCharsets.UTF_8), seen.get("INHERITED"));
    }

    @Test
    void run_noInherit_onlyAddedVariables() throws Exception {
        Environment env = new Environment(Map.of("INHERITED", "yes"), dir, dir);
        Map<String, String> childEnv = ChildProcess.environment(env, false, Map.of("SECRET", "s"));
        assertEquals(Map.of("SECRET", "s"), childEnv);
        Path dump = dir.resolve("dump");
        // bash is found through this JVM's PATH, not the child's (empty) one; bash adds PWD, SHLVL and _ itself.
        assertEquals(0, ChildProcess.run(List.of("bash", "-c", "env -0 > dump"), childEnv, dir));
        Map<String, byte[]> seen = parseEnvDump(Files.readAllBytes(dump));
        seen.keySet().removeAll(List.of("PWD", "SHLVL", "_"));
        assertEquals(List.of("SECRET"), List.copyOf(seen.keySet()));
    }

    @Test
    void run_exitCodes_passedThroughAsShellReportsThem() throws Exception {
        Map<String, String> env = Map.of();
        assertEquals(0, ChildProcess.run(List.of("bash", "-c", "exit 0"), env, dir));
        assertEquals(1, ChildProcess.run(List.of("bash", "-c", "exit 1"), env, dir));
        assertEquals(254, ChildProcess.run(List.of("bash", "-c", "exit 254"), env, dir));
        assertEquals(137, ChildProcess.run(List.of("bash", "-c", "kill -KILL $$"), env, dir));
        assertEquals(143, ChildProcess.run(List.of("bash", "-c", "kill -TERM $$"), env, dir));
    }

    @Test
    void run_workingDirectory_used() throws Exception {
        assertEquals(0, ChildProcess.run(List.of("bash", "-c", "pwd > out"), Map.of(), dir));
        assertEquals(dir.toRealPath().toString(), Files.readString(dir.resolve("out")).strip());
    }

    @Test
    void run_missingCommand_ioException() {
        assertThrows(IOException.class,
                () -> ChildProcess.run(List.of("no-such-command-secrets-test"), Map.of(), dir));
    }

    @Test
    void runWithFile_placeholder_pathOf0600FileWithContentThenWiped() throws Exception {
        Path runtime = Files.createDirectory(dir.resolve("runtime"));
        Environment env = new Environment(Map.of("XDG_RUNTIME_DIR", runtime.toString()), dir, dir);
        byte[] content = NASTY.getBytes(StandardCharsets.UTF_8);
        int code = ChildProcess.runWithFile(List.of("bash", "-c",
                "printf %s \"$1\" > seen-path; stat -c %a \"$1\" > seen-mode; cat \"$1\" > seen-content;"
                        + " printf %s \"$2\" > seen-arg; exit 7", "_", "{}", "--config={}"),
                Map.of(), dir, env, "app.env", content);
        assertEquals(7, code);
        Path file = Path.of(Files.readString(dir.resolve("seen-path")));
        assertEquals("app.env", file.getFileName().toString());
        assertTrue(file.startsWith(runtime), file.toString());
        assertEquals("600", Files.readString(dir.resolve("seen-mode")).strip());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("seen-content")));
        assertEquals("--config=" + file, Files.readString(dir.resolve("seen-arg")));
        assertFalse(Files.exists(file));
        assertEquals(List.of(), list(runtime), "the private folder is gone too");
    }

    @Test
    void runWithFile_badFileName_refused() {
        Environment env = new Environment(Map.of(), dir, dir);
        for (String name : List.of("", ".", "..", "a/b")) {
            assertThrows(IllegalArgumentException.class,
                    () -> ChildProcess.runWithFile(List.of("true"), Map.of(), dir, env, name, new byte[1]), name);
        }
    }

    @Test
    void sigterm_toJvm_forwardedAndJvmReturnsChildStatus() throws Exception {
        SignalRun run = SignalRun.start(dir, "plain");
        run.jvm.destroy(); // SIGTERM to the JVM only, as systemd or `kill` would send it
        assertEquals(42, run.waitForExit(), run.output());
        assertEquals("term", Files.readString(dir.resolve("got")));
    }

    @Test
    void sigint_toJvm_forwardedAndJvmReturnsChildStatus() throws Exception {
        SignalRun run = SignalRun.start(dir, "plain");
        assertEquals(0, new ProcessBuilder("kill", "-s", "INT", Long.toString(run.jvm.pid())).start().waitFor());
        assertEquals(43, run.waitForExit(), run.output());
        assertEquals("int", Files.readString(dir.resolve("got")));
    }

    @Test
    void sigterm_toJvmWithFile_forwardedAndFileWiped() throws Exception {
        SignalRun run = SignalRun.start(dir, "file");
        Path file = Path.of(Files.readString(dir.resolve("ready")));
        assertTrue(Files.exists(file), "the file exists while the command runs");
        run.jvm.destroy();
        assertEquals(42, run.waitForExit(), run.output());
        assertEquals("term", Files.readString(dir.resolve("got")));
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(file.getParent()));
    }

    /** A {@link SignalForwardingMain} in its own JVM and session (no terminal), with its command running. */
    private record SignalRun(Process jvm, Path log, Path dir) {
        static SignalRun start(Path dir, String mode) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = dir.resolve("jvm.log");
            // setsid: a new session without a controlling terminal, so the result does not depend on whether
            // the build runs in a terminal (where a tty's Ctrl-C would already reach the command).
            ProcessBuilder builder = new ProcessBuilder("setsid", java, "-XX:-UsePerfData", "-cp",
                    System.getProperty("java.class.path"), SignalForwardingMain.class.getName(), mode, dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Process jvm = builder.start();
            Path ready = dir.resolve("ready");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(ready) || Files.size(ready) == 0) {
                if (!jvm.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("command did not start: " + Files.readString(log));
                }
                Thread.sleep(10);
            }
            return new SignalRun(jvm, log, dir);
        }

        int waitForExit() throws Exception {
            try {
                if (!jvm.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    jvm.destroyForcibly();
                    throw new AssertionError("JVM did not exit: " + output());
                }
                return jvm.exitValue();
            } finally {
                // If forwarding failed, the command would outlive the test: stop it.
                long commandPid = Long.parseLong(Files.readString(dir.resolve("pid")));
                ProcessHandle.of(commandPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }

    static Map<String, byte[]> parseEnvDump(byte[] dump) {
        Map<String, byte[]> variables = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i < dump.length; i++) {
            if (dump[i] == 0) {
                int eq = start;
                while (dump[eq] != '=') {
                    eq++;
                }
                variables.put(new String(dump, start, eq - start, StandardCharsets.UTF_8),
                        java.util.Arrays.copyOfRange(dump, eq + 1, i));
                start = i + 1;
            }
        }
        return variables;
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.toList());
        }
    }
}
