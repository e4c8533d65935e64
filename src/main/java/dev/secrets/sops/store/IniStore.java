package dev.secrets.sops.store;

import dev.secrets.sops.Metadata;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.TypedValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The INI store as sops's {@code stores/ini}: one top-level mapping per section ({@code DEFAULT} first, always
 * present), every value a string; a section's comment is its first item, a key's comment follows the key; the
 * metadata is a {@code [sops]} section of flattened keys ({@code age__list_0__map_enc}) whose line breaks are
 * written as {@code \n}.
 */
final class IniStore implements SopsStore {
    private static final Pattern SOPS_SECTION = Pattern.compile("(?m)^[ \\t]*\\[sops\\]");

    @Override
    public String name() {
        return "ini";
    }

    @Override
    public SopsTree parsePlain(byte[] text, String source) throws SopsException {
        List<TreeItem> items = tree(IniReader.parse(text, source));
        if (items.stream().anyMatch(i -> "sops".equals(MetadataTree.keyOf(i)))) {
            throw new SopsException.AlreadyEncrypted("[" + source + "] has a [sops] section: it is already encrypted "
                    + "(or uses the name sops reserves for its metadata)");
        }
        return new SopsTree(items);
    }

    /** Sops's {@code treeItemFromSection} for every section. */
    private static List<TreeItem> tree(List<IniReader.Section> sections) {
        List<TreeItem> items = new ArrayList<>();
        for (IniReader.Section section : sections) {
            List<TreeItem> body = new ArrayList<>();
            if (!section.comment().isEmpty()) {
                body.add(comment(section.comment()));
            }
            for (IniReader.Key key : section.keys()) {
                body.add(new TreeItem.Entry(key.name(), Scalar.str(key.value())));
                if (!key.comment().isEmpty()) {
                    body.add(comment(key.comment()));
                }
            }
            items.add(new TreeItem.Nested(section.name(), new TreeValue.Mapping(body)));
        }
        return items;
    }

    /** The comment without its marker, as sops's {@code stripCommentChar}. */
    private static TreeItem.Comment comment(String text) {
        String stripped = text;
        if (text.startsWith(";")) {
            stripped = trimLeft(text, "; ");
        } else if (text.startsWith("#")) {
            stripped = trimLeft(text, "# ");
        }
        return new TreeItem.Comment(Scalar.of(Scalar.COMMENT, stripped.getBytes(StandardCharsets.UTF_8)));
    }

    private static String trimLeft(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    @Override
    public byte[] emitPlain(SopsTree tree) throws SopsException {
        return IniWriter.write(tree.items(), TypedValues::dotenvBytes);
    }

    @Override
    public SopsDocument readEncrypted(byte[] text, String source) throws SopsException {
        List<TreeItem> data = new ArrayList<>();
        TreeValue.Mapping sops = null;
        for (TreeItem item : tree(IniReader.parse(text, source))) {
            if ("sops".equals(MetadataTree.keyOf(item))) {
                if (sops != null) {
                    throw new SopsException.InvalidMetadata("[" + source + "] has two [sops] sections");
                }
                sops = (TreeValue.Mapping) MetadataTree.valueOf(item);
            } else {
                data.add(item);
            }
        }
        if (sops == null) {
            throw new SopsException.NotEncrypted("[" + source + "] has no [sops] section: it is not an encrypted file");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        for (TreeItem item : sops.items()) {
            if (item instanceof TreeItem.Entry e) {
                flat.put(e.key(), e.value().text().replace("\\n", "\n"));
            }
        }
        try {
            return new SopsDocument(new SopsTree(data), MetadataCodec.unflatten(flat));
        } catch (SopsException.InvalidMetadata e) {
            throw new SopsException.InvalidMetadata("[" + source + "] " + e.getMessage());
        }
    }

    @Override
    public byte[] writeEncrypted(SopsTree tree, Metadata metadata, SopsDocument previous) throws SopsException {
        List<TreeItem> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : MetadataCodec.flatten(metadata)) {
            entries.add(new TreeItem.Entry(e.getKey(), Scalar.str(e.getValue().replace("\n", "\\n"))));
        }
        List<TreeItem> items = new ArrayList<>(tree.items());
        items.add(new TreeItem.Nested("sops", new TreeValue.Mapping(entries)));
        return IniWriter.write(items, Scalar::bytes);
    }

    /** Sops writes a single INI value (not a string, not a mapping) as JSON ({@code json.Marshal}). */
    @Override
    public byte[] emitValue(TreeValue value) {
        return new JsonStore().emitValue(value);
    }

    /**
     * A section's {@code key = value} lines (with its comments, {@code =} aligned, no header), where sops fails:
     * its {@code extract} writes the section's items as a whole file, so each key would have to be a section
     * ("Section values should always be TreeBranches", exit 4). A mapping of sections is written as sections.
     */
    @Override
    public byte[] emitMapping(TreeValue.Mapping mapping) throws SopsException {
        boolean flat = mapping.items().stream().noneMatch(i -> i instanceof TreeItem.Nested);
        if (!flat) {
            return emitPlain(new SopsTree(mapping.items()));
        }
        return IniWriter.write(List.of(new TreeItem.Nested(IniReader.DEFAULT_SECTION, mapping)),
                TypedValues::dotenvBytes);
    }

    @Override
    public boolean looksEncrypted(byte[] text) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        return SOPS_SECTION.matcher(s).find() && s.contains("mac");
    }

    /** True when {@code text} has a {@code [sops]} section header. */
    static boolean hasSopsSection(String text) {
        return SOPS_SECTION.matcher(text).find();
    }
}
