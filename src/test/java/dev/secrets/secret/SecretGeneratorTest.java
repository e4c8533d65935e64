package dev.secrets.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.secret.SecretGenerator.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lengths, alphabets and uniformity of generated secrets. */
class SecretGeneratorTest {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static String generate(int bytes, Encoding encoding) {
        SecretBytes secret = SecretGenerator.generate(bytes, encoding, false);
        try {
            return secret.toUtf8();
        } finally {
            secret.destroy();
        }
    }

    @Test
    void generate_manyDraws_lengthAndAlphabetPerEncoding() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int bytes = 16 + i % 49;
            String hex = generate(bytes, Encoding.HEX);
            assertTrue(hex.matches("[0-9a-f]{" + 2 * bytes + "}"), hex);
            String b64 = generate(bytes, Encoding.BASE64);
            assertEquals(bytes, Base64.getDecoder().decode(b64).length);
            assertTrue(b64.matches("[A-Za-z0-9+/]+=*") && b64.length() == 4 * ((bytes + 2) / 3), b64);
            String url = generate(bytes, Encoding.BASE64URL);
            assertTrue(url.matches("[A-Za-z0-9_-]+"), url);
            assertEquals(bytes, Base64.getUrlDecoder().decode(url).length);
            String alnum = generate(bytes, Encoding.ALNUM);
            assertTrue(alnum.matches("[A-Za-z0-9]+"), alnum);
            assertEquals(SecretGenerator.alnumLengthFor(bytes), alnum.length());
            assertTrue(alnum.length() * Math.log(62) / Math.log(2) >= bytes * 8, "at least the entropy of the bytes");
            seen.add(hex);
        }
        assertEquals(2000, seen.size(), "no repeats");
        assertEquals(43, generate(32, Encoding.ALNUM).length());
        assertEquals(44, generate(32, Encoding.BASE64).length());
    }

    @Test
    void generate_fewerThan16Bytes_refusedUnlessAllowWeak() {
        assertThrows(SecretGenerator.WeakSecretException.class, () -> SecretGenerator.generate(15, Encoding.HEX, false));
        SecretBytes weak = SecretGenerator.generate(8, Encoding.HEX, true);
        assertEquals(16, weak.length());
        assertThrows(SecretGenerator.WeakSecretException.class, () -> SecretGenerator.generate(0, Encoding.HEX, true));
        assertThrows(SecretGenerator.WeakSecretException.class,
                () -> SecretGenerator.generate(SecretGenerator.MAX_BYTES + 1, Encoding.HEX, true));
    }

    @Test
    void alnum_100kCharacters_chiSquareShowsNoBias() {
        int[] counts = new int[62];
        String text = SecretGenerator.alnum(100_000);
        assertEquals(100_000, text.length());
        for (char c : text.toCharArray()) {
            counts[ALNUM.indexOf(c)]++;
        }
        // 61 degrees of freedom: mean 61, p = 0.0001 at about 112.
        double chi = chiSquare(counts);
        assertTrue(chi < 112, "chi-square " + chi);
    }

    @Test
    void chiSquare_naiveModuloOver100kBytes_detectsItsBias() {
        // The check above has the power to see the classic mistake: byte % 62 favours 8 characters (5/256
        // instead of 4/256), which puts the expected chi-square near 720.
        int[] counts = new int[62];
        for (int half = 0; half < 2; half++) {
            for (byte b : SecretGenerator.bytes(50_000)) {
                counts[(b & 0xff) % 62]++;
            }
        }
        double chi = chiSquare(counts);
        assertTrue(chi > 400, "chi-square " + chi);
    }

    private static double chiSquare(int[] counts) {
        double total = java.util.Arrays.stream(counts).sum();
        double expected = total / counts.length;
        double chi = 0;
        for (int count : counts) {
            chi += (count - expected) * (count - expected) / expected;
        }
        return chi;
    }

    @Test
    void encode_knownBytes_standardEncodings() {
        byte[] bytes = HexFormat.of().parseHex("00fffe10");
        assertEquals("00fffe10", SecretGenerator.encode(bytes, Encoding.HEX));
        assertEquals("AP/+EA==", SecretGenerator.encode(bytes, Encoding.BASE64));
        assertEquals("AP_-EA", SecretGenerator.encode(bytes, Encoding.BASE64URL));
        // 0 -> 'A', 255 and 254 rejected (>= 248), 16 -> 'Q'.
        assertEquals("AQ", SecretGenerator.encode(bytes, Encoding.ALNUM));
        assertEquals("A9A", SecretGenerator.encode(new byte[] {(byte) 62, (byte) 247, (byte) 124}, Encoding.ALNUM));
    }

    @Test
    void bytes_lengthAndFreshness() {
        assertEquals(0, SecretGenerator.bytes(0).length);
        byte[] a = SecretGenerator.bytes(32);
        byte[] b = SecretGenerator.bytes(32);
        assertEquals(32, a.length);
        assertTrue(!java.util.Arrays.equals(a, b));
        assertArrayEquals(a, a.clone());
        assertEquals(Encoding.ALNUM, Encoding.parse("AlNum"));
        assertThrows(IllegalArgumentException.class, () -> Encoding.parse("base32"));
        assertEquals("x", new String("x".getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
    }
}
