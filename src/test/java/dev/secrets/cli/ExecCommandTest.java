package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets exec} with real commands: environment, exit codes, {@code --file}, signals, failures. */
class ExecCommandTest {
    /** Values that break naive quoting (ASCII, so the test does not depend on the JVM's locale). */
    private static final String NASTY = "it's \"$HOME\" `id` \\ # = \n\t  trailing  ";

    @TempDir
    Path dir;
    private Encrypted enc;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        enc = Encrypted.in(dir);
        cli = enc.cli().env("INHERITED", "from-parent");
        // sops's dotenv form: the raw value after '=', only a newline written as \n.
        enc.file("app.env.enc", "# comment\nDB_PASSWORD=" + NASTY.replace("\n", "\\n")
                + "\nAPI_KEY=abc\nINHERITED=overridden\n");
    }

    private Map<String, byte[]> dump(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, byte[]> variables = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                String entry = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                int eq = entry.indexOf('=');
                variables.put(entry.substring(0, eq), entry.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return variables;
    }

    @Test
    void exec_values_deliveredExactlyOnTopOfInherited() throws Exception {
        Cli.Run run = cli.run("exec", "app.env.enc", "--", "bash", "-c", "env -0 > dump");
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, byte[]> seen = dump(dir.resolve("dump"));
        assertArrayEquals(NASTY.getBytes(StandardCharsets.UTF_8), seen.get("DB_PASSWORD"));
        assertEquals("abc", new String(seen.get("API_KEY"), StandardCharsets.UTF_8));
        assertEquals("overridden", new String(seen.get("INHERITED"), StandardCharsets.UTF_8));
        assertTrue(seen.containsKey("HOME"), "the parent's environment is inherited");
    }

    @Test
    void exec_noInheritWithOnly_onlyThoseValues() throws Exception {
        Cli.Run run = cli.run("exec", "app.env.enc", "--no-inherit", "--only", "API_KEY", "--", "bash", "-c",
                "env -0 > dump");
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, byte[]> seen = dump(dir.resolve("dump"));
        seen.keySet().removeAll(List.of("PWD", "SHLVL", "_")); // bash sets these itself
        assertEquals(List.of("API_KEY"), List.copyOf(seen.keySet()));
    }

    @Test
    void exec_exitCodes_passedThrough() {
        assertEquals(0, cli.run("exec", "app.env.enc", "--", "bash", "-c", "exit 0").exitCode());
        assertEquals(1, cli.run("exec", "app.env.enc", "--", "bash", "-c", "exit 1").exitCode());
        assertEquals(137, cli.run("exec", "app.env.enc", "--", "bash", "-c", "kill -KILL $$").exitCode());
        assertEquals(143, cli.run("exec", "app.env.enc", "--", "bash", "-c", "kill -TERM $$").exitCode());
    }

    @Test
    void exec_file_privateFileWhileRunningGoneAfter() throws Exception {
        Path runtime = Files.createDirectory(dir.resolve("runtime"));
        Cli.Run run = cli.env("XDG_RUNTIME_DIR", runtime.toString()).run("exec", "app.env.enc", "--file", "app.env",
                "--format", "shell", "--", "bash", "-c",
                "printf %s \"$1\" > path; stat -c %a \"$1\" > mode; . \"$1\"; printf %s \"$DB_PASSWORD\" > value;"
                        + " printf %s \"${API_KEY-unset-in-env}\" > direct; exit 5", "_", "{}");
        assertEquals(5, run.exitCode(), run.stderr());
        Path file = Path.of(Files.readString(dir.resolve("path")));
        assertTrue(file.startsWith(runtime), file.toString());
        assertEquals("600", Files.readString(dir.resolve("mode")).strip());
        assertEquals(NASTY, Files.readString(dir.resolve("value")), "the shell file sources back exactly");
        assertFalse(Files.exists(file), "no file left after the command");
        try (Stream<Path> left = Files.list(runtime)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void exec_fileWithoutPlaceholder_refusedNothingRun() throws Exception {
        Cli.Run run = cli.run("exec", "app.env.enc", "--file", "app.env", "--", "touch", "ran");
        assertEquals(ExitCode.CONFLICTING_OPTIONS.code(), run.exitCode(), run.stderr());
        assertFalse(Files.exists(dir.resolve("ran")));
    }

    @Test
    void exec_commandNotFound_exit127() {
        Cli.Run run = cli.run("exec", "app.env.enc", "--", "no-such-command-secrets-test");
        assertEquals(ExitCode.COMMAND_NOT_STARTED.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("no-such-command-secrets-test"), run.stderr());
    }

    @Test
    void exec_tamperedOrNoKey_commandNeverStarts() throws Exception {
        Path file = dir.resolve("app.env.enc");
        String text = Files.readString(file);
        int start = text.indexOf("API_KEY=");
        Files.writeString(dir.resolve("cut.env.enc"),
                text.substring(0, start) + text.substring(text.indexOf('\n', start) + 1));
        Cli.Run tampered = cli.run("exec", "cut.env.enc", "--", "touch", "ran");
        assertEquals(ExitCode.MAC_MISMATCH.code(), tampered.exitCode(), tampered.stderr());
        Cli.Run noKey = new Cli(dir).run("exec", "app.env.enc", "--", "touch", "ran");
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), noKey.exitCode(), noKey.stderr());
        assertFalse(Files.exists(dir.resolve("ran")));
        assertFalse(tampered.stderr().contains("abc") || noKey.stderr().contains("abc"));
    }

    @Test
    void exec_valueTheEnvironmentCannotHold_exit70NamesKeyNothingRun() throws Exception {
        enc.file("nul.env.enc", new byte[] {'G', '=', '1', '\n', 'B', 'A', 'D', '=', 'a', 0, 'b', '\n'});
        enc.file("ff.env.enc", new byte[] {'G', '=', '1', '\n', 'B', 'A', 'D', '=', 'a', (byte) 0xff, '\n'});
        for (String file : List.of("nul.env.enc", "ff.env.enc")) {
            Cli.Run run = cli.run("exec", file, "--", "touch", "ran");
            assertEquals(ExitCode.RENDER_UNSUPPORTED.code(), run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("[BAD]") && run.stderr().contains("hint: use exec --file"),
                    run.stderr());
        }
        assertFalse(Files.exists(dir.resolve("ran")));
    }

    @Test
    void exec_sigtermAndSigintToJvm_forwardedAndStatusReturned() throws Exception {
        for (String signal : List.of("TERM", "INT")) {
            Path work = Files.createDirectory(dir.resolve("sig-" + signal));
            String script = "trap 'printf term > got; exit 42' TERM; trap 'printf int > got; exit 43' INT;"
                    + " printf %s \"$API_KEY\" > ready.tmp; mv ready.tmp ready; while :; do sleep 0.02; done";
            List<String> command = new ArrayList<>(List.of("setsid"));
            command.addAll(SecretsProcess.javaCommand());
            command.addAll(List.of("exec", dir.resolve("app.env.enc").toString(), "--", "bash", "-c", script));
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("log").toFile());
            builder.environment().put("SOPS_AGE_KEY_FILE", enc.keys().file().toString());
            Process jvm = builder.start();
            Path ready = work.resolve("ready");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(ready)) {
                assertTrue(jvm.isAlive() && System.nanoTime() < deadline, Files.readString(work.resolve("log")));
                Thread.sleep(10);
            }
            assertEquals("abc", Files.readString(ready), "the command got the values");
            assertEquals(0, new ProcessBuilder("kill", "-s", signal, Long.toString(jvm.pid())).start().waitFor());
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "the JVM waits for the command, then exits");
            assertEquals(signal.equals("TERM") ? 42 : 43, jvm.exitValue(), Files.readString(work.resolve("log")));
            assertEquals(signal.toLowerCase(java.util.Locale.ROOT), Files.readString(work.resolve("got")));
        }
    }
}
