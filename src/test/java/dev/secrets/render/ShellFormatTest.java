package dev.secrets.render;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code shell} format, read back by the real consumers: {@code bash} and {@code dash} sourcing the file. */
class ShellFormatTest {
    @TempDir
    Path dir;

    @Test
    void render_nastyValues_bashSourceExportsExactBytes() throws Exception {
        Path file = dir.resolve("env.sh");
        Files.write(file, RenderFormats.shell().render(NastyValues.entries()));

        // Source in bash, then dump the exported environment of a child NUL-separated: exact bytes, and proof
        // that the variables are exported, not just set.
        Path dump = dir.resolve("env.dump");
        Result result = run(dir, "bash", "-c", "set -eu; source \"$1\"; env -0 > \"$2\"", "_", file.toString(),
                dump.toString());
        assertEquals(0, result.exitCode, result.stderr);
        assertEquals("", result.stdout, "sourcing must not run anything");
        Map<String, byte[]> exported = parseEnvDump(Files.readAllBytes(dump));
        NastyValues.all().forEach((key, value) ->
                assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), exported.get(key), key));
    }

    @Test
    void render_nastyValues_dashSourceGivesExactBytes() throws Exception {
        Path file = dir.resolve("env.sh");
        Files.write(file, RenderFormats.shell().render(NastyValues.entries()));
        List<String> command = new ArrayList<>(List.of("dash", "-c",
                ". \"$1\"; out=$2; shift 2; for k; do eval \"printf %s \\\"\\$$k\\\"\" > \"$out/$k\"; done",
                "_", file.toString(), dir.toString()));
        command.addAll(NastyValues.all().keySet());
        Result result = run(dir, command.toArray(String[]::new));
        assertEquals(0, result.exitCode, result.stderr);
        assertEquals("", result.stdout);
        for (Map.Entry<String, String> entry : NastyValues.all().entrySet()) {
            assertArrayEquals(entry.getValue().getBytes(StandardCharsets.UTF_8),
                    Files.readAllBytes(dir.resolve(entry.getKey())), entry.getKey());
        }
    }

    @Test
    void render_invalidUtf8AndAllNonNulBytes_bashGetsExactBytes() throws Exception {
        byte[] everyByte = new byte[255];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) (i + 1);
        }
        byte[] invalid = {(byte) 0xff, (byte) 0xc3, '\'', (byte) 0x80, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        Path file = dir.resolve("env.sh");
        Files.write(file, RenderFormats.shell().render(List.of(new RenderEntry("EVERY", everyByte),
                new RenderEntry("INVALID", invalid))));
        Result result = run(dir, "bash", "-c",
                "source \"$1\"; printf %s \"$EVERY\" > \"$2/every\"; printf %s \"$INVALID\" > \"$2/invalid\"",
                "_", file.toString(), dir.toString());
        assertEquals(0, result.exitCode, result.stderr);
        assertArrayEquals(everyByte, Files.readAllBytes(dir.resolve("every")));
        assertArrayEquals(invalid, Files.readAllBytes(dir.resolve("invalid")));
    }

    @Test
    void render_simpleValues_exactText() throws Exception {
        byte[] out = RenderFormats.shell().render(List.of(RenderEntry.ofUtf8("A", "x"),
                RenderEntry.ofUtf8("B", "it's"), RenderEntry.ofUtf8("C", "")));
        assertEquals("export A='x'\nexport B='it'\\''s'\nexport C=''\n", NastyValues.utf8(out));
    }

    @Test
    void render_duplicateKeys_onlyLastValueWritten() throws Exception {
        byte[] out = RenderFormats.shell().render(List.of(RenderEntry.ofUtf8("A", "old-secret"),
                RenderEntry.ofUtf8("B", "b"), RenderEntry.ofUtf8("A", "new")));
        assertEquals("export A='new'\nexport B='b'\n", NastyValues.utf8(out));
    }

    @Test
    void render_keyNotShellName_unsupportedKeyNamingIt() {
        for (String key : List.of("MY-KEY", "1ABC", "", "A B", "A=B", "ÄKEY", "A.B")) {
            RenderException.UnsupportedKey e = assertThrows(RenderException.UnsupportedKey.class,
                    () -> RenderFormats.shell().render(List.of(RenderEntry.ofUtf8(key, "topsecret"))), key);
            assertEquals(key, e.key());
            assertFalse(e.getMessage().contains("topsecret"));
        }
    }

    @Test
    void render_nulInValue_unsupportedValueNamingKeyNotValue() {
        RenderException.UnsupportedValue e = assertThrows(RenderException.UnsupportedValue.class,
                () -> RenderFormats.shell().render(List.of(RenderEntry.ofUtf8("OK", "fine"),
                        RenderEntry.ofUtf8("BAD", "top\0secret"))));
        assertEquals("BAD", e.key());
        assertTrue(e.getMessage().contains("[BAD]"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
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
                String key = new String(dump, start, eq - start, StandardCharsets.UTF_8);
                byte[] value = java.util.Arrays.copyOfRange(dump, eq + 1, i);
                variables.put(key, value);
                start = i + 1;
            }
        }
        return variables;
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        int code = builder.start().waitFor();
        return new Result(code, Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }
}
