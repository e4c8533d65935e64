package dev.secrets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The {@code k8s-secret} format, read back by a YAML parser (jackson-dataformat-yaml over SnakeYAML). */
class K8sSecretFormatTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void render_nastyValues_yamlParserReadsExactStringData() throws Exception {
        byte[] out = RenderFormats.k8sSecret("my-app.env", "prod").render(NastyValues.entries());
        JsonNode manifest = YAML.readTree(out);
        assertEquals("v1", manifest.get("apiVersion").textValue());
        assertEquals("Secret", manifest.get("kind").textValue());
        assertEquals("Opaque", manifest.get("type").textValue());
        assertEquals("my-app.env", manifest.get("metadata").get("name").textValue());
        assertEquals("prod", manifest.get("metadata").get("namespace").textValue());
        Map<String, String> data = new LinkedHashMap<>();
        manifest.get("stringData").fields().forEachRemaining(field -> {
            assertTrue(field.getValue().isTextual(), field.getKey() + " must stay a string, not a bool/number/null");
            data.put(field.getKey(), field.getValue().textValue());
        });
        assertEquals(NastyValues.all(), data);
    }

    @Property(tries = 300)
    void render_anyValidText_yamlParserGivesItBack(@ForAll String value) throws Exception {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (!value.equals(new String(utf8, StandardCharsets.UTF_8))) {
            return; // lone surrogates have no UTF-8 form
        }
        byte[] out = RenderFormats.k8sSecret("s", null).render(List.of(new RenderEntry("k", utf8)));
        assertEquals(value, YAML.readTree(out).get("stringData").get("k").textValue());
    }

    @Test
    void render_simpleValues_exactText() throws Exception {
        byte[] out = RenderFormats.k8sSecret("app", null).render(List.of(RenderEntry.ofUtf8("A", "x\n\"y\"\u2028"),
                RenderEntry.ofUtf8("A", "é\t\\")));
        assertEquals("apiVersion: v1\nkind: Secret\nmetadata:\n  name: \"app\"\ntype: Opaque\nstringData:\n"
                + "  \"A\": \"é\\t\\\\\"\n", NastyValues.utf8(out));
        JsonNode empty = YAML.readTree(RenderFormats.k8sSecret("app", null).render(List.of()));
        assertEquals(0, empty.get("stringData").size());
        assertNull(empty.get("metadata").get("namespace"));
    }

    @Test
    void k8sSecret_invalidNames_invalidOption() throws Exception {
        for (String name : List.of("", "UPPER", "-start", "end-", "a..b", "under_score", "a".repeat(254), "é")) {
            assertThrows(RenderException.InvalidOption.class, () -> RenderFormats.k8sSecret(name, null), name);
        }
        assertThrows(RenderException.InvalidOption.class, () -> RenderFormats.k8sSecret(null, null));
        for (String namespace : List.of("", "a.b", "UP", "a".repeat(64))) {
            assertThrows(RenderException.InvalidOption.class, () -> RenderFormats.k8sSecret("ok", namespace),
                    namespace);
        }
        RenderFormats.k8sSecret("a.b-c.d1", "ns-1");
        RenderFormats.k8sSecret("a".repeat(253), "a".repeat(63));
    }

    @Test
    void render_invalidSecretKeys_unsupportedKeyNamingIt() {
        for (String key : List.of("", "A B", "A=B", "A/B", ".", "..", "..x", "Ä", "a".repeat(254))) {
            RenderException.UnsupportedKey e = assertThrows(RenderException.UnsupportedKey.class,
                    () -> RenderFormats.k8sSecret("s", null).render(List.of(RenderEntry.ofUtf8(key, "topsecret"))),
                    key);
            assertEquals(key, e.key());
            assertFalse(e.getMessage().contains("topsecret"));
        }
    }

    @Test
    void render_invalidUtf8_unsupportedValueNamingKey() {
        RenderException.UnsupportedValue e = assertThrows(RenderException.UnsupportedValue.class,
                () -> RenderFormats.k8sSecret("s", null).render(List.of(new RenderEntry("BIN", new byte[] {(byte) 0x80}))));
        assertEquals("BIN", e.key());
    }
}
