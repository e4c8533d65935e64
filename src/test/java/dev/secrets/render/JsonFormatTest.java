package dev.secrets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The {@code json} format, read back by jackson. */
class JsonFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void render_nastyValues_jacksonReadsExactValuesInOrder() throws Exception {
        byte[] out = RenderFormats.json().render(NastyValues.entries());
        LinkedHashMap<String, String> read = JSON.readValue(out, new TypeReference<LinkedHashMap<String, String>>() { });
        assertEquals(NastyValues.all(), read);
        assertEquals(List.copyOf(NastyValues.all().keySet()), List.copyOf(read.keySet()));
    }

    @Property(tries = 300)
    void render_anyValidText_jacksonGivesItBack(@ForAll String key, @ForAll String value) throws Exception {
        if (Keys.strictUtf8(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) == null
                || !value.equals(new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8))) {
            return; // lone surrogates have no UTF-8 form
        }
        byte[] out = RenderFormats.json().render(List.of(RenderEntry.ofUtf8(key, value)));
        assertEquals(Map.of(key, value), JSON.readValue(out, new TypeReference<Map<String, String>>() { }));
    }

    @Test
    void render_simpleValues_exactText() throws Exception {
        byte[] out = RenderFormats.json().render(List.of(RenderEntry.ofUtf8("A", "x\n\"y\""),
                RenderEntry.ofUtf8("B", "é"), RenderEntry.ofUtf8("A", "last")));
        assertEquals("{\n  \"A\": \"last\",\n  \"B\": \"é\"\n}\n", NastyValues.utf8(out));
    }

    @Test
    void render_noEntries_emptyObject() throws Exception {
        assertEquals(Map.of(), JSON.readValue(RenderFormats.json().render(List.of()), Map.class));
    }

    @Test
    void render_invalidUtf8_unsupportedValueNamingKey() {
        RenderException.UnsupportedValue e = assertThrows(RenderException.UnsupportedValue.class,
                () -> RenderFormats.json().render(List.of(new RenderEntry("BIN", new byte[] {'a', (byte) 0xc3}))));
        assertEquals("BIN", e.key());
    }
}
