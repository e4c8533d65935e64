package dev.secrets.sops.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.StoredLayout;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.TypedValues;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON store as sops writes it: a top-level object, key order kept, integers within 64 bits as {@code int}
 * and other numbers as {@code float}; the {@code sops} object last; Go's {@code json.Indent} layout (a tab by
 * default, the stored file's indentation when rewriting) and a trailing line feed.
 */
final class JsonStore implements SopsStore {
    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public SopsTree parsePlain(byte[] text, String source) throws SopsException {
        List<TreeItem> items = parse(text, source);
        if (items.stream().anyMatch(i -> "sops".equals(MetadataTree.keyOf(i)))) {
            throw new SopsException.AlreadyEncrypted("[" + source + "] has a top-level \"sops\" key: it is already "
                    + "encrypted (or uses the name sops reserves for its metadata)");
        }
        return new SopsTree(items);
    }

    @Override
    public byte[] emitPlain(SopsTree tree) {
        return emit(tree.items(), "\t");
    }

    @Override
    public SopsDocument readEncrypted(byte[] text, String source) throws SopsException {
        return split(parse(text, source), source, indentOf(text));
    }

    /** Separates the top-level {@code sops} mapping from the data. */
    static SopsDocument split(List<TreeItem> items, String source, String indent) throws SopsException {
        List<TreeItem> data = new ArrayList<>();
        TreeValue.Mapping sops = null;
        for (TreeItem item : items) {
            if ("sops".equals(MetadataTree.keyOf(item)) && MetadataTree.valueOf(item) instanceof TreeValue.Mapping m) {
                sops = m;
            } else {
                data.add(item);
            }
        }
        if (sops == null) {
            throw new SopsException.NotEncrypted("[" + source + "] has no sops metadata: it is not an encrypted file");
        }
        try {
            return new SopsDocument(new SopsTree(data), MetadataTree.read(sops), new StoredLayout(sops, indent));
        } catch (SopsException.InvalidMetadata e) {
            throw new SopsException.InvalidMetadata("[" + source + "] " + e.getMessage());
        }
    }

    @Override
    public byte[] writeEncrypted(SopsTree tree, Metadata metadata, SopsDocument previous) {
        StoredLayout layout = previous == null ? null : previous.layout();
        List<TreeItem> items = new ArrayList<>(tree.items());
        items.add(new TreeItem.Nested("sops", MetadataTree.write(metadata, layout == null ? null : layout.metadata())));
        return emit(items, layout == null || layout.indent() == null ? "\t" : layout.indent());
    }

    @Override
    public byte[] emitValue(TreeValue value) {
        StringBuilder out = new StringBuilder();
        value(out, value, "\t", 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean looksEncrypted(byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8);
        return s.stripLeading().startsWith("{") && s.contains("\"sops\"") && s.contains("\"mac\"");
    }

    /** The indentation of the first indented line, or null. */
    static String indentOf(byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        if (nl < 0) {
            return null;
        }
        int end = nl + 1;
        while (end < s.length() && (s.charAt(end) == ' ' || s.charAt(end) == '\t')) {
            end++;
        }
        return end > nl + 1 ? s.substring(nl + 1, end) : null;
    }

    static List<TreeItem> parse(byte[] text, String source) throws SopsException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new SopsException.InvalidDocument("[" + source + "] line " + p.currentLocation().getLineNr()
                        + ": sops JSON files hold a top-level object ({...}), not "
                        + (first == null ? "nothing" : "an array or a single value"));
            }
            List<TreeItem> items = object(p);
            if (p.nextToken() != null) {
                throw new SopsException.InvalidDocument("[" + source + "] line " + p.currentLocation().getLineNr()
                        + ": more data after the top-level object");
            }
            return items;
        } catch (JsonParseException e) {
            throw new SopsException.InvalidDocument("[" + source + "] line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr() + ": not valid JSON");
        } catch (IOException e) {
            throw new SopsException.InvalidDocument("[" + source + "]: not valid JSON");
        }
    }

    private static List<TreeItem> object(JsonParser p) throws IOException {
        List<TreeItem> items = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            items.add(TreeItem.of(key, value(p)));
        }
        return items;
    }

    private static TreeValue value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return new TreeValue.Mapping(object(p));
            case START_ARRAY:
                List<TreeValue> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                return new TreeValue.Sequence(items);
            case VALUE_STRING:
                return Scalar.str(p.getText());
            case VALUE_NUMBER_INT:
                BigInteger big = p.getBigIntegerValue();
                if (big.bitLength() < 64) {
                    return Scalar.of(Scalar.INT, big.toString());
                }
                return Scalar.of(Scalar.FLOAT, TypedValues.goFloatF(big.doubleValue()));
            case VALUE_NUMBER_FLOAT:
                return Scalar.of(Scalar.FLOAT, TypedValues.goFloatF(Double.parseDouble(p.getText())));
            case VALUE_TRUE:
                return Scalar.of(Scalar.BOOL, "true");
            case VALUE_FALSE:
                return Scalar.of(Scalar.BOOL, "false");
            default:
                return new TreeValue.Null();
        }
    }

    /** Sops's {@code encodeTree} then {@code json.Indent}: comments dropped, empty containers compact. */
    static byte[] emit(List<TreeItem> items, String indent) {
        StringBuilder out = new StringBuilder();
        value(out, new TreeValue.Mapping(items), indent, 0);
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder out, TreeValue value, String indent, int depth) {
        if (value instanceof TreeValue.Mapping m) {
            List<TreeItem> entries = m.items().stream()
                    .filter(i -> i instanceof TreeItem.Entry || i instanceof TreeItem.Nested).toList();
            if (entries.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                newline(out, indent, depth + 1);
                string(out, MetadataTree.keyOf(entries.get(i)).getBytes(StandardCharsets.UTF_8));
                out.append(": ");
                value(out, MetadataTree.valueOf(entries.get(i)), indent, depth + 1);
                if (i < entries.size() - 1) {
                    out.append(',');
                }
            }
            newline(out, indent, depth);
            out.append('}');
        } else if (value instanceof TreeValue.Sequence s) {
            List<TreeValue> elements = s.items().stream().filter(v -> !(v instanceof TreeItem.Comment)).toList();
            if (elements.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                newline(out, indent, depth + 1);
                value(out, elements.get(i), indent, depth + 1);
                if (i < elements.size() - 1) {
                    out.append(',');
                }
            }
            newline(out, indent, depth);
            out.append(']');
        } else if (value instanceof Scalar scalar) {
            scalar(out, scalar);
        } else {
            out.append("null");
        }
    }

    private static void scalar(StringBuilder out, Scalar scalar) {
        String text = scalar.text();
        try {
            switch (scalar.type()) {
                case Scalar.INT:
                    out.append(Long.parseLong(text));
                    return;
                case Scalar.FLOAT:
                    out.append(TypedValues.goJsonFloat(Double.parseDouble(text)));
                    return;
                case Scalar.BOOL:
                    out.append(TypedValues.parseGoBool(text));
                    return;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // not a number after all: written as the string it is
        }
        string(out, scalar.bytes());
    }

    private static void newline(StringBuilder out, String indent, int depth) {
        out.append('\n');
        out.append(indent.repeat(depth));
    }

    /** Go's {@code json.Marshal} of a string: HTML-safe escapes, U+2028/9 escaped, invalid UTF-8 as U+FFFD. */
    static void string(StringBuilder out, byte[] raw) {
        String s = GoStrings.decode(raw);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '<': case '>': case '&': case '\u2028': case '\u2029':
                    out.append(String.format("\\u%04x", (int) c));
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
