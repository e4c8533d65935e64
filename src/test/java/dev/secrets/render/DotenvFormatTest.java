package dev.secrets.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code dotenv} format against sops's dotenv rules (shared spec §4.2 load, §4.3 emit): read back with a
 * loader that splits on LF, cuts the key at the first {@code =} and turns every two-character {@code \n} into LF.
 */
class DotenvFormatTest {
    @Test
    void render_nastyValues_sopsLoaderGivesExactValuesInOrder() throws Exception {
        List<RenderEntry> entries = new ArrayList<>(NastyValues.entries());
        entries.add(RenderEntry.ofUtf8("PLAIN", "duplicate kept"));
        entries.add(new RenderEntry("BINARY", new byte[] {(byte) 0xff, 0, '\\', '\n', '\\'}));
        byte[] out = RenderFormats.dotenv().render(entries);
        List<Map.Entry<String, byte[]>> read = sopsLoad(out);
        assertEquals(entries.size(), read.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(entries.get(i).key(), read.get(i).getKey());
            assertArrayEquals(entries.get(i).value(), read.get(i).getValue(), entries.get(i).key());
        }
    }

    @Test
    void render_sample_sameBytesAsSopsDecrypt() throws Exception {
        byte[] out = RenderFormats.dotenv().render(List.of(RenderEntry.ofUtf8("hello", "Welcome to SOPS!"),
                RenderEntry.ofUtf8("example_multiline", "foo\nbar\nbaz"), RenderEntry.ofUtf8("q", "'\"$x # y\\")));
        assertEquals("hello=Welcome to SOPS!\nexample_multiline=foo\\nbar\\nbaz\nq='\"$x # y\\\n",
                NastyValues.utf8(out));
        assertEquals(0, RenderFormats.dotenv().render(List.of()).length);
    }

    @Test
    void render_backslashN_refusedBecauseSopsWouldReadNewline() {
        RenderException.UnsupportedValue e = assertThrows(RenderException.UnsupportedValue.class,
                () -> RenderFormats.dotenv().render(List.of(RenderEntry.ofUtf8("WIN", "C:\\new\\secret"))));
        assertEquals("WIN", e.key());
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void render_keysSopsCannotRead_unsupportedKey() {
        for (String key : List.of("A=B", "A\nB", "#A")) {
            assertThrows(RenderException.UnsupportedKey.class,
                    () -> RenderFormats.dotenv().render(List.of(RenderEntry.ofUtf8(key, "v"))), key);
        }
    }

    /** sops's dotenv loader, byte for byte (no comment lines are produced by the renderer). */
    private static List<Map.Entry<String, byte[]>> sopsLoad(byte[] file) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                byte[] line = Arrays.copyOfRange(file, start, i);
                start = i + 1;
                if (line.length == 0) {
                    continue;
                }
                int eq = 0;
                while (line[eq] != '=') {
                    eq++;
                }
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                for (int j = eq + 1; j < line.length; j++) {
                    if (line[j] == '\\' && j + 1 < line.length && line[j + 1] == 'n') {
                        value.write('\n');
                        j++;
                    } else {
                        value.write(line[j]);
                    }
                }
                entries.add(Map.entry(new String(line, 0, eq, StandardCharsets.UTF_8), value.toByteArray()));
            }
        }
        return entries;
    }
}
