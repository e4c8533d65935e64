package dev.secrets.sops.store;

import dev.secrets.dotenv.Bytes;
import dev.secrets.dotenv.DotenvDocument;
import dev.secrets.dotenv.DotenvLine;
import dev.secrets.dotenv.DotenvParser;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.dotenv.DotenvWriter;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TypedValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The dotenv store: plain dotenv to tree and back, and the encrypted layout (data lines, then the flattened
 * {@code sops_*} lines). Reading is lenient where sops is strict (CRLF, blank lines); writing is exactly sops.
 */
public final class DotenvSopsStore {
    private static final Pattern SOPS_YAML_KEY = Pattern.compile("(?m)^sops:\\s*$");
    private DotenvSopsStore() {
    }

    /**
     * The tree of a plain document.
     *
     * @throws SopsException.AlreadyEncrypted when a key starts with {@code sops_}
     */
    public static SopsTree fromPlain(DotenvDocument document, String source) throws SopsException {
        List<TreeItem> items = new ArrayList<>();
        int lineNumber = 0;
        for (DotenvLine line : document.lines()) {
            lineNumber++;
            if (line instanceof DotenvLine.Entry entry && entry.key().startsWith(MetadataCodec.PREFIX)) {
                throw new SopsException.AlreadyEncrypted("[" + source + "] line " + lineNumber + ": key ["
                        + entry.key() + "] starts with 'sops_', which is reserved for SOPS metadata"
                        + " (is the file already encrypted?)");
            }
            items.add(item(line));
        }
        return new SopsTree(items);
    }

    /** Parses plain dotenv bytes into a tree. */
    public static SopsTree parsePlain(byte[] text, String source) throws SopsException, DotenvSyntaxException {
        return fromPlain(DotenvParser.parse(text, source), source);
    }

    /** The plain document of a decrypted tree (LF endings; typed values written as sops prints them). */
    public static DotenvDocument toPlain(SopsTree tree) {
        return document(tree, TypedValues::dotenvBytes, List.of());
    }

    /** One dotenv line as a tree item (values are strings, as sops reads dotenv). */
    private static TreeItem item(DotenvLine line) {
        if (line instanceof DotenvLine.Entry entry) {
            return new TreeItem.Entry(entry.key(), Scalar.str(entry.value().toArray()));
        }
        if (line instanceof DotenvLine.Comment comment) {
            return new TreeItem.Comment(Scalar.of(Scalar.COMMENT, comment.text().toArray()));
        }
        return new TreeItem.Blank();
    }

    /** The tree's items as LF-ended dotenv lines (values through {@code valueBytes}), then {@code extra} lines. */
    private static DotenvDocument document(SopsTree tree, Function<Scalar, byte[]> valueBytes,
            List<DotenvLine> extra) {
        List<DotenvLine> lines = new ArrayList<>();
        for (TreeItem item : tree.items()) {
            if (item instanceof TreeItem.Entry entry) {
                lines.add(new DotenvLine.Entry(entry.key(), Bytes.of(valueBytes.apply(entry.value())), "\n"));
            } else if (item instanceof TreeItem.Comment comment) {
                lines.add(new DotenvLine.Comment(Bytes.of(comment.value().bytes()), "\n"));
            } else {
                lines.add(new DotenvLine.Blank("", "\n"));
            }
        }
        lines.addAll(extra);
        return new DotenvDocument(lines);
    }

    /** What {@code secrets decrypt} prints: the plain document, blank lines kept. */
    public static byte[] emitPlain(SopsTree tree) {
        return DotenvWriter.emit(toPlain(tree));
    }

    /**
     * Reads an encrypted file: every {@code sops_*} entry becomes metadata, the rest is the tree.
     *
     * @throws SopsException.NotEncrypted when there is no {@code sops_} entry at all
     * @throws SopsException.InvalidMetadata for a duplicate or malformed metadata entry
     * @throws DotenvSyntaxException when a line is not dotenv (binary garbage, a truncated line)
     */
    public static SopsDocument readEncrypted(byte[] text, String source) throws SopsException, DotenvSyntaxException {
        DotenvDocument document;
        try {
            document = DotenvParser.parse(text, source);
        } catch (DotenvSyntaxException e) {
            String other = otherSopsStore(text);
            if (other != null) {
                throw new SopsException.UnsupportedFormat("[" + source + "] is a " + other + " SOPS file; secrets "
                        + "reads the dotenv format only (decrypt it with sops, or keep secrets in a .env file)");
            }
            throw e;
        }
        Map<String, String> flat = new LinkedHashMap<>();
        List<TreeItem> items = new ArrayList<>();
        for (DotenvLine line : document.lines()) {
            if (line instanceof DotenvLine.Entry entry && entry.key().startsWith(MetadataCodec.PREFIX)) {
                String name = entry.key().substring(MetadataCodec.PREFIX.length());
                if (flat.put(name, entry.value().toUtf8()) != null) {
                    throw new SopsException.InvalidMetadata("[" + source + "] metadata key [" + entry.key()
                            + "] appears twice");
                }
            } else {
                items.add(item(line));
            }
        }
        if (flat.isEmpty()) {
            throw new SopsException.NotEncrypted("[" + source + "] has no sops_ metadata: it is not an encrypted file");
        }
        try {
            return new SopsDocument(new SopsTree(items), MetadataCodec.unflatten(flat));
        } catch (SopsException.InvalidMetadata e) {
            throw new SopsException.InvalidMetadata("[" + source + "] " + e.getMessage());
        }
    }

    /** The bytes of an encrypted file: data lines as in the tree, then the metadata lines in sops's order. */
    public static byte[] writeEncrypted(SopsTree tree, Metadata metadata) {
        List<DotenvLine> metadataLines = new ArrayList<>();
        for (Map.Entry<String, String> e : MetadataCodec.flatten(metadata)) {
            metadataLines.add(new DotenvLine.Entry(MetadataCodec.PREFIX + e.getKey(), Bytes.utf8(e.getValue()), "\n"));
        }
        return DotenvWriter.emit(document(tree, Scalar::bytes, metadataLines));
    }

    /** "YAML" or "JSON" when {@code text} is a SOPS file of that store (a top-level {@code sops} key), else null. */
    static String otherSopsStore(byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8);
        String trimmed = s.stripLeading();
        if (trimmed.startsWith("{") && s.contains("\"sops\"") && s.contains("\"mac\"")) {
            return "JSON";
        }
        if (SOPS_YAML_KEY.matcher(s).find()) {
            return "YAML";
        }
        return null;
    }

    /** True when {@code text} looks like an encrypted dotenv file (has a {@code sops_mac} or version line). */
    public static boolean looksEncrypted(byte[] text) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        return s.startsWith("sops_mac=") || s.contains("\nsops_mac=") || s.contains("\nsops_version=")
                || s.startsWith("sops_version=");
    }
}
