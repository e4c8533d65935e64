package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgeKeyPairTest {
    @Test
    void keysFile_utcTime_hasAgeKeygenLayout() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();

        String text = new String(pair.keysFile(ZonedDateTime.of(2024, 3, 26, 0, 43, 54, 123_000_000,
                ZoneOffset.UTC)).copy(), StandardCharsets.US_ASCII);

        String[] lines = text.split("\n", -1);
        assertEquals(4, lines.length);
        assertEquals("# created: 2024-03-26T00:43:54Z", lines[0]);
        assertEquals("# public key: " + pair.recipient(), lines[1]);
        assertTrue(lines[2].matches("AGE-SECRET-KEY-1[0-9A-Z]{58}"), "identity line shape");
        assertEquals("", lines[3]);
        assertTrue(pair.recipient().matches("age1[0-9a-z]{58}"), pair.recipient());
    }

    @Test
    void keysFile_offsetZone_writesNumericOffset() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();

        String text = new String(pair.keysFile(ZonedDateTime.of(2006, 1, 2, 15, 4, 5, 0,
                ZoneId.of("America/Denver"))).copy(), StandardCharsets.US_ASCII);

        assertTrue(text.startsWith("# created: 2006-01-02T15:04:05-07:00\n"), text.lines().findFirst().orElse(""));
    }

    @Test
    void recipientsOf_generatedKeysFile_returnsTheRecipient() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();

        assertEquals(List.of(pair.recipient()), AgeKeyPair.recipientsOf(pair.keysFile().copy(), "[new]"));
    }

    @Test
    void generate_twice_givesDifferentKeys() throws Exception {
        assertNotEquals(AgeKeyPair.generate().recipient(), AgeKeyPair.generate().recipient());
    }

    @Test
    void toString_keyPair_showsOnlyRecipient() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        String secret = IdentityFileTest.secretLine(pair);

        String shown = pair + " " + pair.identity();

        assertTrue(shown.contains(pair.recipient()));
        assertFalse(shown.toUpperCase().contains(secret.substring(16)), shown);
    }

    @Test
    void destroy_keyPair_destroysIdentity() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        pair.destroy();
        assertTrue(pair.isDestroyed() && pair.identity().isDestroyed());
    }
}
