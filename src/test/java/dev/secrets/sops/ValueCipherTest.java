package dev.secrets.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written ENC splitter agrees with sops's regex on every input, matching or not. */
class ValueCipherTest {
    private static final Pattern SOPS = Pattern.compile(
            "^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]", Pattern.UNIX_LINES);

    @Provide
    Arbitrary<String> encLike() {
        Arbitrary<String> piece = Arbitraries.of("ENC[AES256_GCM,", "data:", ",iv:", ",tag:", ",type:", "]", "x", "A=",
                ",", ":", "str", "\r", "]]", "[");
        return piece.list().ofMaxSize(14).map(l -> String.join("", l))
                .map(s -> Math.random() < 0.7 ? "ENC[AES256_GCM,data:" + s : s);
    }

    @Property(tries = 3000)
    void split_agreesWithSopsRegex(@ForAll("encLike") String text) {
        Matcher m = SOPS.matcher(text);
        String[] parts = ValueCipher.split(text);
        if (!m.find()) {
            assertNull(parts, text);
        } else {
            assertArrayEquals(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)}, parts, text);
        }
    }

    @Example
    void split_craftedRepetitiveValue_isLinearNotCubic() {
        String crafted = "ENC[AES256_GCM,data:" + "x,iv:x,tag:x,type:x".repeat(20_000);
        long start = System.nanoTime();
        assertNull(ValueCipher.split(crafted));
        ValueCipher.split(crafted + ",iv:]");
        ValueCipher.split(crafted + "]");
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start < 2_000_000_000L, "took too long");
    }

    @Example
    void split_realValueWithTrailingCr_ignoresTrailingBytes() {
        String[] parts = ValueCipher.split("ENC[AES256_GCM,data:Pg==,iv:aXY=,tag:dGFn,type:str]\r");
        assertEquals("str", parts[3]);
        assertEquals("Pg==", parts[0]);
    }
}
