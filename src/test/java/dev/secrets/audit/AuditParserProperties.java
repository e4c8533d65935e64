package dev.secrets.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.rotate.MaxAge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary bytes at every parser of the audit commands: each returns or fails with its own checked exception,
 * never another exception type; every loop is bounded by the input, so none can hang.
 */
class AuditParserProperties {
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.bytes()),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) 0, (byte) 1, (byte) '\n', (byte) ':', (byte) ' ',
                        (byte) '#', (byte) '@', (byte) '/', (byte) 'a', (byte) '0')));
        return b.array(byte[].class).ofMaxSize(400);
    }

    /** Arbitrary bytes with pieces of real git output mixed in, so the parsers get past their first check. */
    @Provide
    Arbitrary<byte[]> gitish() {
        String id = "a".repeat(40);
        Arbitrary<String> piece = Arbitraries.of("\u0001" + id + " 1700000000\u0000", "\n",
                ":100644 100644 " + id + " " + "b".repeat(40) + " M\u0000", "path/x.env\u0000",
                id + " blob 3\nabc\n", id + " missing\n", "\u0000", "zz", id, " ");
        return piece.list().ofMaxSize(12).map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 500)
    void rawLog_arbitraryBytes_changesOrMalformed(@ForAll("bytes") byte[] input) throws IOException {
        readRawLog(input);
    }

    @Property(tries = 500)
    void rawLog_gitLikeBytes_changesOrMalformed(@ForAll("gitish") byte[] input) throws IOException {
        readRawLog(input);
    }

    private static void readRawLog(byte[] input) throws IOException {
        RawLog log = new RawLog(new ByteArrayInputStream(input));
        try {
            RawLog.Change change;
            int n = 0;
            while ((change = log.next()) != null) {
                assertEquals(40, change.commit().length());
                assertTrue(++n <= input.length);
            }
        } catch (RawLog.MalformedException expected) {
            // The one failure the parser may report.
        }
    }

    @Property(tries = 500)
    void catFile_arbitraryBytes_objectsOrMalformed(@ForAll("gitish") byte[] input) throws IOException {
        long[] total = {0};
        try {
            CatFile.read(new ByteArrayInputStream(input), new CatFile.Sink() {
                @Override
                public void begin(String id, long size) {
                    assertTrue(size >= 0);
                }

                @Override
                public void chunk(byte[] buffer, int length) {
                    total[0] += length;
                }
            });
            assertTrue(total[0] <= input.length);
        } catch (RawLog.MalformedException expected) {
            // As above.
        }
    }

    @Property(tries = 500)
    void rotationRecord_arbitraryBytes_parsesOrMalformed(@ForAll("bytes") byte[] input) {
        try {
            RotationRecord record = RotationRecord.parse(input, "t");
            assertEquals(record, RotationRecord.parse(record.emit(), "t"));
        } catch (RotationRecord.MalformedException expected) {
            assertTrue(expected.getMessage().startsWith("[t] line "));
        }
    }

    @Property(tries = 300)
    void rotationRecord_emitted_parsesBack(@ForAll("keys") String key, @ForAll long seconds)
            throws RotationRecord.MalformedException {
        Instant when = Instant.ofEpochSecond(Math.floorMod(seconds, 4_000_000_000L));
        RotationRecord record = RotationRecord.empty().with(key, when).with("OTHER_KEY", Instant.EPOCH);
        assertEquals(record, RotationRecord.parse(record.emit(), "t"));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars("ABCXYZ_abc019.-").ofMinLength(1).ofMaxLength(20)
                .filter(s -> Character.isLetter(s.charAt(0)) || s.charAt(0) == '_');
    }

    @Property(tries = 500)
    void recipientNames_arbitraryBytes_neverFail(@ForAll("bytes") byte[] input) {
        Map<String, String> fromConfig = RecipientNames.fromConfig(input);
        Map<String, String> fromKeys = RecipientNames.fromKeyFile(input, "k");
        fromConfig.forEach((recipient, name) -> assertTrue(!name.isEmpty() && name.length() <= 80));
        assertNotNull(fromKeys);
    }

    @Example
    void recipientNames_commentedConfig_namesEachRecipient() {
        String a = "age1" + "q".repeat(58);
        String b = "age1" + "p".repeat(58);
        byte[] config = ("# alice: " + a + "\ncreation_rules:\n  - age: " + b + " # bob (ops)\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of(a, "alice", b, "bob (ops)"), RecipientNames.fromConfig(config));
    }

    @Property(tries = 500)
    void urlPassword_arbitraryBytes_rangeInsideTheValue(@ForAll("bytes") byte[] input) {
        int[] range = CredentialKeys.urlPassword(input);
        if (range != null) {
            assertTrue(0 <= range[0] && range[0] < range[1] && range[1] <= input.length);
            assertEquals('@', input[range[1]]);
        }
    }

    @Example
    void urlPassword_postgresUrl_findsThePassword() {
        byte[] url = "postgres://app:s3cr:et@db:5432/app".getBytes(StandardCharsets.US_ASCII);
        int[] range = CredentialKeys.urlPassword(url);
        assertEquals("s3cr:et", new String(url, range[0], range[1] - range[0], StandardCharsets.US_ASCII));
        assertNull(CredentialKeys.urlPassword("https://example.com/a@b".getBytes(StandardCharsets.US_ASCII)));
    }

    @Property(tries = 500)
    void valueJudges_arbitraryBytes_neverFail(@ForAll("bytes") byte[] input, @ForAll("keys") String key) {
        WeakSecrets.judge(key, CredentialKeys.Kind.PASSWORD, input);
        WeakSecrets.judge(key, CredentialKeys.Kind.KEY, input);
        ProductionFlags.problem("DEBUG", input);
        ProductionFlags.problem("ALLOWED_HOSTS", input);
        ProductionFlags.problem("APP_ENV", input);
        assertTrue(WeakSecrets.shannonBits(input) >= 0);
    }

    @Property(tries = 500)
    void maxAge_arbitraryText_durationOrNull(@ForAll String text) {
        var age = MaxAge.parse(text);
        if (age != null) {
            assertTrue(!age.isNegative() && !age.isZero());
            assertEquals(age.toDays(), MaxAge.parse(MaxAge.format(age)).toDays());
        }
    }
}
