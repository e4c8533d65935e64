package dev.secrets.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one-pass matcher finds exactly what a naive search finds, however the stream is cut into chunks. */
class MultiMatcherProperties {
    @Provide
    Arbitrary<byte[]> small() {
        // A small alphabet so needles really occur in the haystack, overlapping and nested.
        return Arbitraries.of((byte) 'a', (byte) 'b', (byte) 'c', (byte) 0, (byte) 0xff).array(byte[].class)
                .ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> haystack() {
        return Arbitraries.of((byte) 'a', (byte) 'b', (byte) 'c', (byte) 0, (byte) 0xff, (byte) 'z')
                .array(byte[].class).ofMaxSize(300);
    }

    @Property(tries = 400)
    void matcher_anyNeedlesAnyChunks_findsWhatNaiveSearchFinds(@ForAll("haystack") byte[] haystack,
            @ForAll("needles") List<byte[]> needles, @ForAll("chunk") int chunk) {
        // Hits are compared as (chunk in which the needle ends, needle), counted, with whole chunks fed at once.
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < needles.size(); n++) {
            byte[] needle = needles.get(n);
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                    expected.add((i + needle.length - 1) / chunk + ":" + n);
                }
            }
        }
        MultiMatcher matcher = MultiMatcher.of(needles);
        MultiMatcher.Cursor cursor = matcher.start();
        List<String> found = new ArrayList<>();
        for (int from = 0; from < haystack.length; from += chunk) {
            int index = from / chunk;
            cursor.feed(haystack, from, Math.min(chunk, haystack.length - from), needle -> found.add(index + ":" + needle));
        }
        expected.sort(null);
        found.sort(null);
        assertEquals(expected, found);
    }

    @Provide
    Arbitrary<List<byte[]>> needles() {
        return small().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Integer> chunk() {
        return Arbitraries.integers().between(1, 64);
    }

    @Example
    void encodedForms_base64AtEveryOffset_isFound() {
        byte[] value = "kW9vP2xR7mN4tL8sQ1yB".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<byte[]> forms = new ArrayList<>();
        EncodedForms.of(value).forEach(f -> forms.add(f.bytes()));
        MultiMatcher matcher = MultiMatcher.of(forms);
        for (int prefix = 0; prefix < 6; prefix++) {
            byte[] text = new byte[prefix + value.length + 2];
            Arrays.fill(text, (byte) '#');
            System.arraycopy(value, 0, text, prefix, value.length);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                byte[] encoded = encoder.encode(text);
                int[] hits = {0};
                matcher.start().feed(encoded, 0, encoded.length, n -> hits[0]++);
                assertEquals(true, hits[0] > 0, "prefix " + prefix);
            }
        }
    }
}
