package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.EditFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code view}, {@code get}, {@code set} and {@code unset} on real encrypted files. */
class ValueCommandsTest {
    @TempDir
    Path root;
    private EditFixture fx;
    private Path file;
    private byte[] before;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EditFixture(root);
        file = fx.encrypted("app.env", 3);
        before = Files.readAllBytes(file);
        cli = fx.cli(null);
    }

    @AfterEach
    void noPlaintextLeft() throws Exception {
        fx.assertNoPlaintextLeft();
    }


    @Test
    void view_encryptedFile_wholePlainTextOnStdout() {
        Cli.Run run = cli.run("view", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("# database settings\nKEY_1=" + fx.values.get("KEY_1") + "\nKEY_2=" + fx.values.get("KEY_2")
                + "\nKEY_3=" + fx.values.get("KEY_3") + "\n", run.out());
    }

    @Test
    void get_existingKey_rawValueWithoutNewline() {
        Cli.Run run = cli.run("get", "app.env", "KEY_2");
        assertEquals(0, run.exitCode(), run.stderr());
        assertArrayEquals(fx.values.get("KEY_2").getBytes(StandardCharsets.UTF_8), run.stdout());
        assertEquals(fx.values.get("KEY_2"), cli.run("get", "app.env", "[\"KEY_2\"]").out(), "sops path form");
    }

    @Test
    void get_missingKey_exit90NamesKeyAndFile() {
        Cli.Run run = cli.run("get", "app.env", "NOPE");
        assertEquals(90, run.exitCode());
        assertTrue(run.stderr().contains("[NOPE]") && run.stderr().contains("[app.env]"), run.stderr());
        assertEquals(0, run.stdout().length);
    }

    @Test
    void set_fromStdin_replacesFirstOccurrenceOthersKeepCiphertext() throws Exception {
        String value = fx.secret("piped");
        Cli.Run run = fx.cli(null).stdin((value + "\n").getBytes(StandardCharsets.UTF_8))
                .run("set", "app.env", "KEY_2", "--stdin");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("replaced [KEY_2]"), run.stderr());
        assertFalse(run.stderr().contains(value));
        assertEquals(value, fx.get("KEY_2"), "one trailing newline dropped");
        assertEquals(List.of("KEY_2", "sops_lastmodified", "sops_mac"),
                EditCommandTest.changedKeys(before, Files.readAllBytes(file)));
    }

    @Test
    void set_newKeyFromArgument_appendedAtEnd() throws Exception {
        Cli.Run run = cli.run("set", "app.env", "LOG_LEVEL", "debug");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("added [LOG_LEVEL]"), run.stderr());
        assertEquals("debug", fx.get("LOG_LEVEL"));
        List<String> lines = EditFixture.lines(file);
        assertTrue(lines.get(4).startsWith("LOG_LEVEL=ENC[AES256_GCM,"), lines.get(4));
        for (String line : new String(before, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("KEY_")) {
                assertTrue(lines.contains(line), "kept: " + line.substring(0, 5));
            }
        }
    }

    @Test
    void set_generate_specHonoured() {
        assertEquals(0, cli.run("set", "app.env", "SESSION", "--generate").exitCode());
        assertTrue(fx.get("SESSION").matches("[A-Za-z0-9+/]{43}="), "base64 of 32 bytes");
        assertEquals(0, cli.run("set", "app.env", "PW", "--generate=alnum:24").exitCode());
        assertTrue(fx.get("PW").matches("[A-Za-z0-9]{33}"), fx.get("PW"));
        assertEquals(0, cli.run("set", "app.env", "HEX", "--generate=hex:16").exitCode());
        assertTrue(fx.get("HEX").matches("[0-9a-f]{32}"));
        Cli.Run weak = cli.run("set", "app.env", "W", "--generate=hex:8");
        assertEquals(64, weak.exitCode(), weak.stderr());
        assertTrue(weak.stderr().contains("--allow-weak"), weak.stderr());
        assertEquals(0, cli.run("set", "app.env", "W", "--generate=hex:8", "--allow-weak").exitCode());
        assertTrue(fx.get("W").matches("[0-9a-f]{16}"));
    }

    @Test
    void set_sopsKey_exit203Untouched() throws Exception {
        Cli.Run run = cli.run("set", "app.env", "sops_mac", "x");
        assertEquals(203, run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(203, cli.run("unset", "app.env", "sops_version").exitCode());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void set_invalidKeyOrNoValue_usageErrorsUntouched() throws Exception {
        assertEquals(64, cli.run("set", "app.env", "A=B", "x").exitCode());
        assertEquals(64, cli.run("set", "app.env", "#A", "x").exitCode());
        assertEquals(8, cli.run("set", "app.env", "A").exitCode(), "no value source");
        assertEquals(8, cli.run("set", "app.env", "A", "x", "--generate").exitCode(), "two value sources");
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void set_missingFile_exit100() {
        assertEquals(100, cli.run("set", "missing.env", "A", "x").exitCode());
    }

    @Test
    void unset_existingKey_removedOthersKeepCiphertext() throws Exception {
        Cli.Run run = cli.run("unset", "app.env", "KEY_1");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(90, cli.run("get", "app.env", "KEY_1").exitCode());
        List<String> lines = EditFixture.lines(file);
        for (String line : new String(before, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("KEY_2") || line.startsWith("KEY_3") || line.startsWith("#")) {
                assertTrue(lines.contains(line), "kept");
            }
        }
    }

    @Test
    void unset_missingKey_exit90UnlessIdempotent() throws Exception {
        assertEquals(90, cli.run("unset", "app.env", "NOPE").exitCode());
        Cli.Run run = cli.run("unset", "app.env", "NOPE", "--idempotent");
        assertEquals(0, run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file), "nothing written");
    }

    @Test
    void set_fileTampered_refusedByMac() throws Exception {
        String text = new String(before, StandardCharsets.UTF_8);
        int at = text.indexOf("KEY_1=ENC[AES256_GCM,data:") + "KEY_1=ENC[AES256_GCM,data:".length();
        String tampered = text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1);
        Files.writeString(file, tampered);
        Cli.Run run = cli.run("set", "app.env", "X", "1");
        assertTrue(run.exitCode() == 25 || run.exitCode() == 51, run.stderr());
        assertEquals(tampered, Files.readString(file));
    }
}
