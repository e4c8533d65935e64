package dev.secrets.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.secret.SecretGenerator.Encoding;
import dev.secrets.secret.SecretGenerator.PasswordPolicy;
import dev.secrets.secret.SecretGenerator.WeakSecretException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretGeneratorTest {
    private final SecretGenerator generator = new SecretGenerator();

    @Test
    void bytes_32_returnsThirtyTwoDistinctRandomBytes() {
        SecretBytes a = generator.bytes(32);
        SecretBytes b = generator.bytes(32);
        assertEquals(32, a.length());
        assertFalse(a.equalsConstantTime(b));
    }

    @Test
    void generate_eachEncoding_hasTheExpectedShapeAndDecodesToTheByteCount() {
        String hex = generator.generate(32, Encoding.HEX, false).toUtf8();
        assertTrue(hex.matches("[0-9a-f]{64}"), hex.length() + " hex chars");
        assertEquals(32, HexFormat.of().parseHex(hex).length);
        String b64 = generator.generate(32, Encoding.BASE64, false).toUtf8();
        assertEquals(44, b64.length());
        assertTrue(b64.endsWith("="), "standard base64 is padded");
        assertEquals(32, Base64.getDecoder().decode(b64).length);
        String url = generator.generate(32, Encoding.BASE64URL, false).toUtf8();
        assertTrue(url.matches("[A-Za-z0-9_-]{43}"), "url-safe, unpadded");
        assertEquals(32, Base64.getUrlDecoder().decode(url).length);
        String alnum = generator.generate(32, Encoding.ALNUM, false).toUtf8();
        assertTrue(alnum.matches("[A-Za-z0-9]{43}"), "ceil(256 / log2 62) = 43 characters: " + alnum.length());
    }

    @Test
    void encode_knownBytes_matchesRfc4648() {
        byte[] raw = {(byte) 0xfb, (byte) 0xff, 0x00};
        assertArrayEquals("fbff00".getBytes(), SecretGenerator.encode(raw, Encoding.HEX));
        assertArrayEquals("+/8A".getBytes(), SecretGenerator.encode(raw, Encoding.BASE64));
        assertArrayEquals("-_8A".getBytes(), SecretGenerator.encode(raw, Encoding.BASE64URL));
        assertArrayEquals("-w".getBytes(), SecretGenerator.encode(new byte[] {(byte) 0xfb}, Encoding.BASE64URL));
    }

    @Test
    void generate_belowSixteenBytes_throwsUnlessAllowWeak() {
        WeakSecretException e = assertThrows(WeakSecretException.class, () -> generator.generate(15, Encoding.HEX,
                false));
        assertTrue(e.getMessage().contains("15") && e.getMessage().contains("16"), e.getMessage());
        assertThrows(WeakSecretException.class, () -> generator.bytes(8));
        assertEquals(8, generator.generate(4, Encoding.HEX, true).length());
    }

    @Test
    void password_weakPolicy_throwsNamingTheBits() {
        PasswordPolicy weak = new PasswordPolicy(12, "alnum");
        WeakSecretException e = assertThrows(WeakSecretException.class, () -> generator.password(weak, false));
        assertTrue(e.getMessage().contains("71 bits"), e.getMessage());
        assertEquals(12, generator.password(weak, true).length());
    }

    @Test
    void password_literalAlphabet_usesOnlyThoseCharacters() {
        String value = generator.password(new PasswordPolicy(200, "ab-"), true).toUtf8();
        assertTrue(value.matches("[ab-]{200}"), value);
        assertTrue(value.contains("a") && value.contains("b") && value.contains("-"));
    }

    @Test
    void password_alnumDrawn_isUniformWithinChiSquareBounds() {
        int[] counts = new int[62];
        String alphabet = PasswordPolicy.PRESETS.get("alnum");
        String value = generator.password(new PasswordPolicy(4096, "alnum"), false).toUtf8()
                + generator.password(new PasswordPolicy(4096, "alnum"), false).toUtf8()
                + generator.password(new PasswordPolicy(4096, "alnum"), false).toUtf8();
        for (char c : value.toCharArray()) {
            counts[alphabet.indexOf(c)]++;
        }
        double expected = value.length() / 62.0;
        double chi = 0;
        for (int count : counts) {
            chi += (count - expected) * (count - expected) / expected;
        }
        // 61 degrees of freedom: p < 1e-6 above ~125. A modulo bias (256 % 62 = 8) would put
        // the first 8 characters ~25% high, a chi-square of ~200 at this size.
        assertTrue(chi < 125, "chi-square " + chi);
    }

    @Test
    void passwordPolicy_badAlphabet_throws() {
        assertThrows(WeakSecretException.class, () -> new PasswordPolicy(20, "aaaa"));
        assertThrows(WeakSecretException.class, () -> new PasswordPolicy(20, "ab c"));
        assertThrows(WeakSecretException.class, () -> new PasswordPolicy(0, "alnum"));
        assertEquals(Encoding.BASE64URL, Encoding.byName("Base64URL"));
        assertEquals(null, Encoding.byName("base32"));
    }
}
