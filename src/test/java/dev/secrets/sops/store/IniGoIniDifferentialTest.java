package dev.secrets.sops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import dev.secrets.testsupport.GoPeers;
import dev.secrets.testsupport.Peers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Our INI reader against the real go-ini (Debian's 1.55, loaded with the options sops 3.13 passes:
 * {@code LoadOptions{AllowNonUniqueSections: true}}; its parser differs from 1.67's only in error handling):
 * the Go program {@code inispaces} and {@link IniReader} read the same texts, and every section, key, value and
 * comment must be the same bytes, or both must refuse the text. The texts are written cases (Unicode spaces,
 * BOMs, comments, quotes, continuation lines, repeated keys) and generated lines built from the same pieces;
 * then what our writer emits for values with Unicode spaces must read back in go-ini as the same values.
 * Invalid UTF-8 appears only in values: in a key, section or comment we read it as U+FFFD (documented).
 */
class IniGoIniDifferentialTest {
    private static final String[] SPACES = {" ", "\t", "\u00a0", "\u2003", "\u3000", "\u0085", "\ufeff", "\u200b",
        "\u2028", "\u1680", "\u202f", "\u205f", "\u000b", "\f", "\r", "\u2000", "\u200a", "\u180e", "\u00ad"};
    private static final String[] PIECES = {" ", "\t", "\u00a0", "\u2003", "\u3000", "\u0085", "\ufeff", "\u200b",
        "\u2028", "\u1680", "\u202f", "\u205f", "\u000b", "\f", "\r", "k", "v", "é", "x y", "=", ":", ";", "#", "\"",
        "'", "`", "\"\"\"", "\\", "[", "]", "-", "\n"};

    private static final List<String> WRITTEN = List.of(
            "k\u00a0= \u2003v\u3000 ; c\n",
            "\u00a0\u2003k = v\n",
            "[\u3000s\u3000]\n\u3000k\u3000=\u3000v\u3000\n",
            "k = \u0085v\u0085\n",
            "k = v\u2028\nother = w\n",
            "\ufeffk = v\n",
            "\ufeff\ufeffk = v\n",
            "k = \ufeffv\ufeff\n",
            "k = \u200bv\u200b\n",
            "k\t=\tv\t\r\n",
            "; \u00a0comment\u00a0\nk = v # \u2003inline\u2003\n",
            "#\u3000top\n[s] ;\u2003after\nk = v\n",
            "k = \"\u00a0quoted\u00a0\"\n",
            "k = '\u2003single\u2003'\n",
            "k = \"\"\"\u00a0multi\nline\u00a0\"\"\"\n",
            "k = `\u3000back ; tick\u3000`\n",
            "k = first \\\n\u00a0\u00a0second\u00a0\\\n\u2003third\n",
            "k =\nempty =\u00a0\nblank = \u3000\u3000\n",
            "k = one\nk = \u00a0two\n",
            "[s]\nk = 1\n[s]\nk = 2\n",
            "\u00a0[s]\nk = v\n",
            "\u2003= v\n",
            "\"\u00a0quoted key\u00a0\" = v\n",
            "- = a\n- = b\n",
            "k: \u00a0colon\n",
            "k = v\u00a0;\u00a0c\u00a0\n");

    private static final List<byte[]> LONE_BYTES = List.of(
            bytes("k = ", new byte[] {(byte) 0xa0}, "v", new byte[] {(byte) 0xa0}, "\n"),
            bytes("k = ", new byte[] {(byte) 0x85}, "v", new byte[] {(byte) 0x85}, "\n"),
            bytes("k = v", new byte[] {(byte) 0xe2, (byte) 0x80}, "\n"),
            new byte[] {(byte) 0xfe, (byte) 0xff, 'k', '=', 'v', '\n'},
            new byte[] {(byte) 0xff, (byte) 0xfe, 'k', '=', 'v', '\n'},
            bytes("k = ", new byte[] {(byte) 0xef, (byte) 0xbb}, "v\n"));

    @Test
    void parse_writtenAndGeneratedTexts_sameAsGoIni() throws Exception {
        List<byte[]> texts = new ArrayList<>();
        WRITTEN.forEach(t -> texts.add(t.getBytes(StandardCharsets.UTF_8)));
        texts.addAll(LONE_BYTES);
        Random random = new Random(20261203);
        for (int i = 0; i < 4000; i++) {
            texts.add(generated(random).getBytes(StandardCharsets.UTF_8));
        }
        List<String> go = goIni(texts);
        int refusedByBoth = 0;
        for (int i = 0; i < texts.size(); i++) {
            String ours = ours(texts.get(i));
            refusedByBoth += ours.equals("error") && go.get(i).equals("error") ? 1 : 0;
            assertEquals(go.get(i), ours, "case " + i + ": " + HexFormat.of().formatHex(texts.get(i)) + " "
                    + new String(texts.get(i), StandardCharsets.UTF_8).replace("\n", "\\n"));
        }
        // The generated lines must mostly parse, or the comparison says little.
        assertEquals(true, refusedByBoth < texts.size() / 2, refusedByBoth + " of " + texts.size() + " refused");
    }

    @Test
    void emit_valuesWithUnicodeSpaces_goIniReadsThemBack() throws Exception {
        List<String> values = List.of("\u00a0lead", "trail\u3000", "\u2003both\u2003", "\u0085", "in\u00a0side",
                "\ufeffbom", "\u200bzero", "plain");
        List<TreeItem> entries = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            entries.add(new TreeItem.Entry("k" + i, Scalar.str(values.get(i))));
        }
        SopsTree tree = new SopsTree(List.of(new TreeItem.Nested("s", new TreeValue.Mapping(entries))));
        byte[] written = new IniStore().emitPlain(tree);
        String go = goIni(List.of(written)).get(0);
        StringBuilder expected = new StringBuilder("section " + field("DEFAULT") + " " + field("") + "\n"
                + "section " + field("s") + " " + field("") + "\n");
        for (int i = 0; i < values.size(); i++) {
            expected.append("key ").append(field("k" + i)).append(' ').append(field(values.get(i))).append(' ')
                    .append(field("")).append('\n');
        }
        assertEquals(expected.toString(), go, new String(written, StandardCharsets.UTF_8));
        assertEquals(go, ours(written));
    }

    private static String generated(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(4);
        for (int l = 0; l < lines; l++) {
            int shape = random.nextInt(8);
            if (shape == 0) {
                text.append(noise(random, SPACES, 3)).append('[').append(noise(random, SPACES, 2)).append('s')
                        .append(noise(random, PIECES, 2)).append(']').append(noise(random, PIECES, 2)).append('\n');
            } else if (shape == 1) {
                text.append(noise(random, PIECES, 8));
            } else if (shape == 2) {
                text.append(noise(random, SPACES, 2)).append(random.nextBoolean() ? ';' : '#')
                        .append(noise(random, PIECES, 4)).append('\n');
            } else {
                text.append(noise(random, SPACES, 3)).append(random.nextInt(5) == 0 ? "\"k\"" : "k")
                        .append(noise(random, SPACES, 3)).append(random.nextBoolean() ? '=' : ':')
                        .append(noise(random, PIECES, 6)).append('\n');
            }
        }
        return text.toString();
    }

    private static String noise(Random random, String[] pieces, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    /** What our reader reads, in the Go program's form. */
    private static String ours(byte[] text) {
        List<IniReader.Section> sections;
        try {
            sections = IniReader.parse(text, "t.ini");
        } catch (SopsException.InvalidDocument e) {
            return "error";
        }
        StringBuilder out = new StringBuilder();
        for (IniReader.Section section : sections) {
            out.append("section ").append(field(section.name())).append(' ').append(field(section.comment()))
                    .append('\n');
            for (IniReader.Key key : section.keys()) {
                out.append("key ").append(field(key.name())).append(' ').append(field(key.value())).append(' ')
                        .append(field(key.comment())).append('\n');
            }
        }
        return out.toString();
    }

    /** What go-ini reads from each text: one string per text ("error" when it refuses it). */
    private static List<String> goIni(List<byte[]> texts) throws Exception {
        StringBuilder in = new StringBuilder();
        texts.forEach(t -> in.append(Base64.getEncoder().encodeToString(t)).append('\n'));
        Peers.Result run = GoPeers.run("inispaces", in.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> results = new ArrayList<>();
        StringBuilder current = null;
        for (String line : run.out().split("\n")) {
            if (line.startsWith("case ")) {
                current = new StringBuilder();
            } else if (line.equals("end")) {
                results.add(current.toString());
            } else if (line.equals("error")) {
                current.append("error");
            } else {
                current.append(line).append('\n');
            }
        }
        assertEquals(texts.size(), results.size());
        return results;
    }

    private static String field(String s) {
        return field(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(byte[] b) {
        return "x" + HexFormat.of().formatHex(b);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p);
        }
        return out.toByteArray();
    }
}
