package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The playbook's {@code max_age} field. */
class PlaybookMaxAgeTest {
    private static Playbook parse(String yaml) throws PlaybookException {
        return PlaybookLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "p.yaml");
    }

    @Test
    void parse_maxAgeInEachUnit_readAsDuration() throws Exception {
        Playbook playbook = parse("version: 1\ncredentials:\n  - key: A\n    max_age: 90d\n  - key: B\n"
                + "    max_age: 2w\n  - key: C\n    max_age: 1y\n  - key: D\n    max_age: 36h\n  - key: E\n");
        assertEquals(Duration.ofDays(90), playbook.credential("A").orElseThrow().maxAge());
        assertEquals(Duration.ofDays(14), playbook.credential("B").orElseThrow().maxAge());
        assertEquals(Duration.ofDays(365), playbook.credential("C").orElseThrow().maxAge());
        assertEquals(Duration.ofHours(36), playbook.credential("D").orElseThrow().maxAge());
        assertNull(playbook.credential("E").orElseThrow().maxAge());
    }

    @Test
    void parse_maxAgeNotADuration_failsNamingTheLine() {
        PlaybookException e = assertThrows(PlaybookException.class,
                () -> parse("version: 1\ncredentials:\n  - key: A\n    max_age: soon\n"));
        assertTrue(e.getMessage().contains("max_age must be days, weeks or years"), e.getMessage());
        assertEquals(4, e.line());
    }
}
