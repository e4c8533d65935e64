package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.EditFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM, SIGINT and SIGHUP sent to a real {@code secrets edit} JVM (its own session, no terminal) while the
 * editor is open: the editor is stopped (even one that ignores SIGINT, as vim does), the encrypted file is
 * untouched, and the temp file is overwritten and deleted before the JVM exits.
 */
class EditSignalTest {
    @TempDir
    Path root;
    private EditFixture fx;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EditFixture(root);
        file = fx.encrypted("app.env", 3);
    }

    @AfterEach
    void noPlaintextLeft() throws Exception {
        fx.assertNoPlaintextLeft();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void edit_signalToSecretsWhileEditorOpen_tempWipedFileUntouchedExit201(String signal) throws Exception {
        byte[] before = Files.readAllBytes(file);
        Path editor = fx.editor("wait", "echo $$ > \"$T/pid\"; touch \"$T/started\"; trap '' INT; while :; do sleep 0.02; done");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("setsid", java, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "edit", "app.env")
                .directory(fx.work.toFile()).redirectErrorStream(true).redirectOutput(fx.tools.resolve("jvm.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", System.getenv("PATH"), "HOME", fx.work.toString(),
                "SOPS_AGE_KEY_FILE", fx.keys.file().toString(), "EDITOR", editor.toString(),
                "XDG_RUNTIME_DIR", fx.runtime.toString(), "TMPDIR", fx.tmp.toString()));
        Process jvm = builder.start();
        try {
            EditCommandTest.awaitFile(fx.tools.resolve("started"));
            Path temp = fx.opened().get(0);
            assertTrue(Files.readString(temp).contains(fx.values.get("KEY_1")), "plaintext is in the temp file now");
            assertTrue(Files.exists(fx.work.resolve(".app.env.lock")), "locked while editing");
            assertEquals(0, new ProcessBuilder("kill", "-s", signal, Long.toString(jvm.pid())).start().waitFor());
            assertTrue(jvm.waitFor(20, TimeUnit.SECONDS), "JVM exits");
            String log = Files.readString(fx.tools.resolve("jvm.log"), StandardCharsets.UTF_8);
            assertEquals(201, jvm.exitValue(), log);
            assertTrue(log.contains("secrets received SIG" + signal + " and stopped the editor"), log);
            assertFalse(Files.exists(temp));
            assertFalse(Files.exists(temp.getParent()));
            assertArrayEquals(before, Files.readAllBytes(file));
            long editorPid = Long.parseLong(Files.readString(fx.tools.resolve("pid")).trim());
            assertFalse(ProcessHandle.of(editorPid).map(ProcessHandle::isAlive).orElse(false), "editor ended");
            assertEquals(List.of(), fx.opened().subList(1, fx.opened().size()));
        } finally {
            jvm.destroyForcibly();
        }
    }
}
