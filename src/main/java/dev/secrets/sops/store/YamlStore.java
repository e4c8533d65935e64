package dev.secrets.sops.store;

import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.StoredLayout;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML store as sops writes it (go-yaml v3): key order and comments kept (encrypted like values), one branch
 * per document with the same {@code sops} mapping appended to each, indentation 4 for new files and the stored
 * file's own when rewriting. Read with snakeyaml's comment-aware composer ({@link YamlReader}), written with a
 * port of go-yaml's emitter ({@link YamlEmitter}).
 */
final class YamlStore implements SopsStore {
    private static final int DEFAULT_INDENT = 4;
    private static final Pattern SOPS_BLOCK = Pattern.compile("(?m)^sops:[ \\t]*\\r?\\n( +)\\S");

    @Override
    public String name() {
        return "yaml";
    }

    @Override
    public SopsTree parsePlain(byte[] text, String source) throws SopsException {
        List<List<TreeItem>> branches = YamlReader.read(text, source);
        for (List<TreeItem> branch : branches) {
            if (branch.stream().anyMatch(i -> "sops".equals(MetadataTree.keyOf(i)))) {
                throw new SopsException.AlreadyEncrypted("[" + source + "] has a top-level sops: key: it is already "
                        + "encrypted (or uses the name sops reserves for its metadata)");
            }
        }
        return SopsTree.ofBranches(branches);
    }

    @Override
    public byte[] emitPlain(SopsTree tree) {
        return YamlWriter.write(tree.branches(), DEFAULT_INDENT);
    }

    @Override
    public SopsDocument readEncrypted(byte[] text, String source) throws SopsException {
        List<List<TreeItem>> branches = YamlReader.read(text, source);
        List<List<TreeItem>> data = new ArrayList<>();
        TreeValue.Mapping sops = null;
        for (List<TreeItem> branch : branches) {
            List<TreeItem> kept = new ArrayList<>();
            for (TreeItem item : branch) {
                if ("sops".equals(MetadataTree.keyOf(item)) && MetadataTree.valueOf(item) instanceof TreeValue.Mapping m) {
                    sops = sops == null ? m : sops;
                } else {
                    kept.add(item);
                }
            }
            data.add(kept);
        }
        if (sops == null) {
            throw new SopsException.NotEncrypted("[" + source + "] has no sops metadata: it is not an encrypted file");
        }
        Matcher m = SOPS_BLOCK.matcher(new String(text, StandardCharsets.UTF_8));
        String indent = m.find() ? m.group(1) : null;
        try {
            return new SopsDocument(SopsTree.ofBranches(data), MetadataTree.read(sops), new StoredLayout(sops, indent));
        } catch (SopsException.InvalidMetadata e) {
            throw new SopsException.InvalidMetadata("[" + source + "] " + e.getMessage());
        }
    }

    @Override
    public byte[] writeEncrypted(SopsTree tree, Metadata metadata, SopsDocument previous) {
        StoredLayout layout = previous == null ? null : previous.layout();
        TreeValue.Mapping sops = MetadataTree.write(metadata, layout == null ? null : layout.metadata());
        List<List<TreeItem>> branches = new ArrayList<>();
        for (List<TreeItem> branch : tree.branches()) {
            List<TreeItem> items = new ArrayList<>(branch);
            items.add(new TreeItem.Nested("sops", sops));
            branches.add(items);
        }
        int indent = layout == null || layout.indent() == null ? DEFAULT_INDENT : layout.indent().length();
        return YamlWriter.write(branches, indent);
    }

    @Override
    public byte[] emitValue(TreeValue value) {
        return YamlWriter.writeValue(value, DEFAULT_INDENT);
    }

    @Override
    public boolean looksEncrypted(byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8);
        return (s.startsWith("sops:") || s.contains("\nsops:")) && s.contains("mac:");
    }
}
