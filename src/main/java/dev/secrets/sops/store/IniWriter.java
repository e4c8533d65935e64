package dev.secrets.sops.store;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a tree as sops's INI store does (its {@code encodeTree}, then go-ini's pretty writer): every top-level
 * item is a section; a comment first in a section is the section's comment, a later one belongs to the key before
 * it and is written above that key; {@code =} aligned per section; a value with a line break or backquote in
 * {@code """…"""}, one with {@code #} or {@code ;} in backquotes, one with outer spaces in double quotes; a blank
 * line between sections; the leading {@code DEFAULT} section without a header, and not at all when empty.
 */
final class IniWriter {
    private record Key(String name, byte[] value, String comment) {
    }

    private IniWriter() {
    }

    /**
     * The INI text of {@code items}, each value through {@code valueBytes}.
     *
     * @throws SopsException.UnsupportedFormat when a top-level value is not a mapping or a section holds a
     *     mapping, list or null (INI has sections of plain values only), naming the key
     */
    static byte[] write(List<TreeItem> items, Function<Scalar, byte[]> valueBytes) throws SopsException.UnsupportedFormat {
        List<String> names = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<List<Key>> sections = new ArrayList<>();
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Comment || item instanceof TreeItem.Blank) {
                continue;
            }
            String name = MetadataTree.keyOf(item);
            if (!(MetadataTree.valueOf(item) instanceof TreeValue.Mapping section)) {
                throw new SopsException.UnsupportedFormat("INI files hold sections of key = value lines; [" + name
                        + "] is a top-level value, not a section (use [\"section\"][\"key\"])");
            }
            String[] comment = {""};
            names.add(name);
            sections.add(keys(name, section, valueBytes, comment));
            comments.add(comment[0]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.size(); i++) {
            List<Key> keys = sections.get(i);
            if (!comments.get(i).isEmpty()) {
                for (String line : comments.get(i).split("\n", -1)) {
                    write(out, commentLine(line, false) + "\n");
                }
            }
            if (i > 0 || !names.get(i).equals(IniReader.DEFAULT_SECTION)) {
                write(out, "[" + names.get(i) + "]\n");
            } else if (keys.isEmpty()) {
                continue;
            }
            section(out, keys);
            if (i < names.size() - 1) {
                write(out, "\n");
            }
        }
        return out.toByteArray();
    }

    private static List<Key> keys(String section, TreeValue.Mapping mapping, Function<Scalar, byte[]> valueBytes,
            String[] sectionComment) throws SopsException.UnsupportedFormat {
        Map<String, Key> keys = new LinkedHashMap<>();
        List<TreeItem> items = mapping.items();
        int first = 0;
        if (!items.isEmpty() && items.get(0) instanceof TreeItem.Comment c) {
            sectionComment[0] = c.value().text();
            first = 1;
        }
        String last = null;
        for (TreeItem item : items.subList(first, items.size())) {
            if (item instanceof TreeItem.Comment c) {
                if (last != null) {
                    Key k = keys.get(last);
                    keys.put(last, new Key(k.name(), k.value(), c.value().text()));
                }
            } else if (item instanceof TreeItem.Entry e) {
                Key old = keys.get(e.key());
                keys.put(e.key(), new Key(e.key(), valueBytes.apply(e.value()), old == null ? "" : old.comment()));
                last = e.key();
            } else if (item instanceof TreeItem.Nested n) {
                throw new SopsException.UnsupportedFormat("INI values are plain strings; [\"" + section + "\"][\""
                        + n.key() + "\"] holds " + (n.value() instanceof TreeValue.Null ? "null" : "a mapping or list"));
            }
        }
        return new ArrayList<>(keys.values());
    }

    private static void section(ByteArrayOutputStream out, List<Key> keys) {
        int align = 0;
        for (Key k : keys) {
            int length = utf8Length(k.name());
            if (k.name().contains("\"") || k.name().contains("=") || k.name().contains(":")) {
                length += 2;
            } else if (k.name().contains("`")) {
                length += 6;
            }
            align = Math.max(align, length);
        }
        for (Key k : keys) {
            if (!k.comment().isEmpty()) {
                for (String line : k.comment().split("\n", -1)) {
                    write(out, commentLine(line, true) + "\n");
                }
            }
            String name = k.name();
            if (name.contains("\"") || name.contains("=") || name.contains(":")) {
                name = "`" + name + "`";
            } else if (name.contains("`")) {
                name = "\"\"\"" + name + "\"\"\"";
            }
            write(out, name + " ".repeat(Math.max(0, align - utf8Length(name))) + " = ");
            out.writeBytes(quoted(k.value()));
            write(out, "\n");
        }
    }

    private static byte[] quoted(byte[] value) {
        String v = new String(value, StandardCharsets.ISO_8859_1);
        if (v.contains("\n") || v.contains("`")) {
            v = "\"\"\"" + v + "\"\"\"";
        } else if (v.contains("#") || v.contains(";")) {
            v = "`" + v + "`";
        } else if (IniReader.trimSpace(v).length() != v.length()) {
            v = "\"" + v + "\"";
        }
        return v.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** go-ini's comment line: a {@code ; } prefix unless the line has one, one space after the marker. */
    private static String commentLine(String line, boolean trimBare) {
        if (line.isEmpty() || line.charAt(0) != '#' && line.charAt(0) != ';') {
            return "; " + (trimBare ? GoSpace.trim(line) : line);
        }
        return line.charAt(0) + " " + GoSpace.trim(line.substring(1));
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
