package dev.secrets.dotenv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The dotenv model is lossless: whatever parses emits back to the same bytes, fed whole or in prefixes. */
class DotenvProperties {
    @Provide
    Arbitrary<String> dotenvText() {
        Arbitrary<String> key = Arbitraries.strings().withChars("AZaz09_ .-ÄЖ").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> value = Arbitraries.strings()
                .withChars("abc=#'\" \t\\n$`é🔑")
                .withCharRange(' ', '~').ofMaxLength(40);
        Arbitrary<String> entry = net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + "=" + v);
        Arbitrary<String> comment = value.map(v -> "#" + v);
        Arbitrary<String> blank = Arbitraries.of("", " ", "\t ");
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, entry), net.jqwik.api.Tuple.of(2, comment), net.jqwik.api.Tuple.of(1, blank));
        Arbitrary<String> eol = Arbitraries.of("\n", "\r\n");
        return net.jqwik.api.Combinators.combine(line.list().ofMaxSize(12), eol.list().ofMaxSize(12),
                Arbitraries.of(true, false)).as((lines, eols, finalEol) -> {
                    StringBuilder s = new StringBuilder();
                    for (int i = 0; i < lines.size(); i++) {
                        s.append(lines.get(i));
                        if (i < lines.size() - 1 || finalEol) {
                            s.append(eols.isEmpty() ? "\n" : eols.get(i % eols.size()));
                        }
                    }
                    return s.toString();
                });
    }

    @Property(tries = 500)
    void emit_parsedText_isByteIdentical(@ForAll("dotenvText") String text) throws DotenvSyntaxException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(bytes, DotenvWriter.emit(DotenvParser.parse(bytes, "t")));
    }

    @Property(tries = 200)
    void parse_everyPrefix_parsesOrFailsWithSyntaxError(@ForAll("dotenvText") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= bytes.length; i++) {
            byte[] prefix = Arrays.copyOf(bytes, i);
            try {
                assertArrayEquals(prefix, DotenvWriter.emit(DotenvParser.parse(prefix, "t")));
            } catch (DotenvSyntaxException expected) {
                // A prefix may cut a key before its '=': that is a syntax error, never another exception.
            }
        }
    }

    @Property(tries = 300)
    void parse_entry_splitsAtFirstEqualsAndUnescapesLineFeeds(@ForAll("dotenvText") String ignored,
            @ForAll @net.jqwik.api.constraints.StringLength(max = 30) String value) throws DotenvSyntaxException {
        String escaped = value.replace("\n", "\\n").replace("\r", "");
        DotenvDocument doc = DotenvParser.parse(("K=" + escaped + "\n").getBytes(StandardCharsets.UTF_8), "t");
        DotenvLine.Entry entry = doc.entries().get(0);
        assertEquals("K", entry.key());
        assertEquals(escaped.replace("\\n", "\n"), entry.value().toUtf8());
    }

    @Example
    void emitAsSops_dropsBlankLinesAndNormalizesEndings() throws DotenvSyntaxException {
        byte[] text = "A=1\r\n\r\n#c\nB=x\\ny".getBytes(StandardCharsets.UTF_8);
        assertEquals("A=1\n#c\nB=x\\ny\n", new String(DotenvWriter.emitAsSops(DotenvParser.parse(text, "t")),
                StandardCharsets.UTF_8));
    }

    @Example
    void parse_lineWithoutEquals_reportsLineAndColumnButNotContent() {
        DotenvSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(DotenvSyntaxException.class,
                () -> DotenvParser.parse("A=1\nsecretvalue\n".getBytes(StandardCharsets.UTF_8), "f.env"));
        assertEquals(2, e.line());
        assertEquals(List.of(false), List.of(e.getMessage().contains("secretvalue")));
    }
}
