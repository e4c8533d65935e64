package dev.secrets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The {@code docker} format, read back by {@link ComposeEnvFileReader}, a reader following docker compose's
 * documented {@code env_file} rules (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax;
 * details from compose-go v2 {@code dotenv/parser.go}). The reader itself is first checked against every
 * example on that docs page.
 */
class DockerEnvFormatTest {
    /** Outside variables a real compose run would see: interpolation that is not escaped would show. */
    private static final Function<String, String> OUTSIDE = Map.of("HOME", "/root", "PATH", "/usr/bin",
            "X", "xx", "Y", "yy", "OTHER", "other")::get;

    @Test
    void reader_documentedExamples_giveDocumentedValues() {
        assertEquals("VAL", read("VAR=VAL"));
        assertEquals("VAL", read("VAR=\"VAL\""));
        assertEquals("VAL", read("VAR='VAL'"));
        assertEquals("VAL", read("VAR=VAL # comment"));
        assertEquals("VAL# not a comment", read("VAR=VAL# not a comment"));
        assertEquals("VAL # not a comment", read("VAR=\"VAL # not a comment\""));
        assertEquals("VAL", read("VAR=\"VAL\" # comment"));
        assertEquals("$OTHER", read("VAR='$OTHER'"));
        assertEquals("${OTHER}", read("VAR='${OTHER}'"));
        assertEquals("Let's go!", read("VAR='Let\\'s go!'"));
        assertEquals("{\"hello\": \"json\"}", read("VAR=\"{\\\"hello\\\": \\\"json\\\"}\""));
        assertEquals("some\tvalue", read("VAR=\"some\\tvalue\""));
        assertEquals("some\\tvalue", read("VAR='some\\tvalue'"));
        assertEquals("some\\tvalue", read("VAR=some\\tvalue"));
        assertEquals("other", read("VAR=$OTHER"));
        assertEquals("other", read("VAR=\"${OTHER}\""));
        assertEquals("dflt", read("VAR=${UNSET:-dflt}"));
        assertEquals("$literal", read("VAR=\"$$literal\""));
        assertEquals("$literal", read("VAR=\"\\$literal\""));
        assertEquals("a\nb", read("VAR=\"a\nb\""));
        assertEquals("hi", ComposeEnvFileReader.read("# comment\n\nexport VAR=hi\n").get("VAR"));
    }

    @Test
    void render_nastyValues_composeReaderGivesExactValues() throws Exception {
        byte[] file = RenderFormats.docker().render(NastyValues.entries());
        Map<String, String> read = ComposeEnvFileReader.read(new String(file, StandardCharsets.UTF_8), OUTSIDE);
        assertEquals(NastyValues.all(), read);
    }

    @Property(tries = 500)
    void render_anyText_composeReaderGivesItBack(
            @ForAll @CharRange(from = '\u0001', to = '\u02ff') @Chars({'\u2028', '\u2029', '\ufeff', '\u00a0'})
            @StringLength(max = 40) String value) throws Exception {
        byte[] file = RenderFormats.docker().render(List.of(RenderEntry.ofUtf8("K", value),
                RenderEntry.ofUtf8("NEXT", "after")));
        Map<String, String> read = ComposeEnvFileReader.read(new String(file, StandardCharsets.UTF_8), OUTSIDE);
        assertEquals(Map.of("K", value, "NEXT", "after"), read);
    }

    @Test
    void render_simpleValues_exactText() throws Exception {
        byte[] out = RenderFormats.docker().render(List.of(RenderEntry.ofUtf8("A", "x y"),
                RenderEntry.ofUtf8("B", "$H \"q\" \\ 'é'\r\n"), RenderEntry.ofUtf8("A", "last")));
        assertEquals("A=\"last\"\nB=\"\\$H \\\"q\\\" \\\\ 'é'\\r\\n\"\n", NastyValues.utf8(out));
    }

    @Test
    void render_keysComposeRejects_unsupportedKeyNamingIt() {
        for (String key : List.of("", "A B", "A=B", "A:B", "A#", "ÄKEY", "A\"B", "A$")) {
            RenderException.UnsupportedKey e = assertThrows(RenderException.UnsupportedKey.class,
                    () -> RenderFormats.docker().render(List.of(RenderEntry.ofUtf8(key, "topsecret"))), key);
            assertEquals(key, e.key());
            assertFalse(e.getMessage().contains("topsecret"));
        }
    }

    @Test
    void render_keysComposeAccepts_readBack() throws Exception {
        List<RenderEntry> entries = List.of(RenderEntry.ofUtf8("a.b-c_d[0]", "1"), RenderEntry.ofUtf8("9X", "2"));
        Map<String, String> read = ComposeEnvFileReader.read(
                NastyValues.utf8(RenderFormats.docker().render(entries)));
        assertEquals(Map.of("a.b-c_d[0]", "1", "9X", "2"), read);
    }

    @Test
    void render_nulOrInvalidUtf8_unsupportedValueNamingKey() {
        RenderException.UnsupportedValue nul = assertThrows(RenderException.UnsupportedValue.class,
                () -> RenderFormats.docker().render(List.of(RenderEntry.ofUtf8("NUL", "a\0b"))));
        assertEquals("NUL", nul.key());
        RenderException.UnsupportedValue binary = assertThrows(RenderException.UnsupportedValue.class,
                () -> RenderFormats.docker().render(List.of(new RenderEntry("BIN", new byte[] {(byte) 0xff}))));
        assertEquals("BIN", binary.key());
    }

    private static String read(String line) {
        return ComposeEnvFileReader.read(line + "\n", OUTSIDE).get("VAR");
    }
}
