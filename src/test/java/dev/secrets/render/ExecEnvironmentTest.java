package dev.secrets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecEnvironmentTest {
    @Test
    void of_duplicates_lastWins() throws Exception {
        Map<String, String> env = ExecEnvironment.of(List.of(RenderEntry.ofUtf8("A", "1"),
                RenderEntry.ofUtf8("B", "é\n'$"), RenderEntry.ofUtf8("A", "2")), StandardCharsets.UTF_8);
        assertEquals(Map.of("A", "2", "B", "é\n'$"), env);
    }

    @Test
    void of_keysNoEnvironmentHolds_unsupportedKey() {
        for (String key : List.of("", "A=B", "A\0B")) {
            assertThrows(RenderException.UnsupportedKey.class,
                    () -> ExecEnvironment.of(List.of(RenderEntry.ofUtf8(key, "v")), StandardCharsets.UTF_8), key);
        }
    }

    @Test
    void of_nulOrInvalidUtf8_unsupportedValueNamingKey() {
        assertEquals("N", assertThrows(RenderException.UnsupportedValue.class,
                () -> ExecEnvironment.of(List.of(RenderEntry.ofUtf8("N", "a\0")), StandardCharsets.UTF_8)).key());
        assertEquals("B", assertThrows(RenderException.UnsupportedValue.class, () -> ExecEnvironment.of(
                List.of(new RenderEntry("B", new byte[] {(byte) 0xfe})), StandardCharsets.UTF_8)).key());
    }

    @Test
    void of_asciiJvmCharsetAndNonAsciiValue_refusedInsteadOfQuestionMarks() throws Exception {
        RenderException.UnsupportedValue e = assertThrows(RenderException.UnsupportedValue.class,
                () -> ExecEnvironment.of(List.of(RenderEntry.ofUtf8("U", "é")), StandardCharsets.US_ASCII));
        assertEquals("U", e.key());
        assertEquals(Map.of("U", "plain"),
                ExecEnvironment.of(List.of(RenderEntry.ofUtf8("U", "plain")), StandardCharsets.US_ASCII));
    }
}
