package dev.secrets.sops.store;

import dev.secrets.sops.Metadata;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The binary store as sops's {@code BinaryStore}: the whole input is one string under {@code data} (AAD
 * {@code data:}), written through the JSON store as {@code {"data": "ENC[...]", "sops": {...}}}; decrypting
 * gives the raw bytes back.
 */
final class BinaryStore implements SopsStore {
    private static final Pattern ENVELOPE = Pattern.compile("^\\s*\\{\\s*\"data\"\\s*:");

    /** True when {@code text} is a sops binary envelope (first key {@code data}). */
    static boolean isEnvelope(String text) {
        return ENVELOPE.matcher(text).find();
    }

    @Override
    public String name() {
        return "binary";
    }

    @Override
    public SopsTree parsePlain(byte[] text, String source) {
        return new SopsTree(List.of(new TreeItem.Entry("data", Scalar.str(text))));
    }

    @Override
    public byte[] emitPlain(SopsTree tree) throws SopsException {
        for (TreeItem.Entry e : tree.entries()) {
            if (e.key().equals("data")) {
                return e.value().bytes();
            }
        }
        throw new SopsException.InvalidDocument("a binary sops file holds its content under \"data\"; this one has none");
    }

    @Override
    public SopsDocument readEncrypted(byte[] text, String source) throws SopsException {
        return JsonStore.split(JsonStore.parse(text, source), source, JsonStore.indentOf(text));
    }

    @Override
    public byte[] writeEncrypted(SopsTree tree, Metadata metadata, SopsDocument previous) {
        return new JsonStore().writeEncrypted(tree, metadata, previous);
    }

    @Override
    public byte[] emitValue(TreeValue value) throws SopsException {
        throw new SopsException.UnsupportedFormat("--extract does not apply to binary files");
    }

    @Override
    public boolean looksEncrypted(byte[] text) {
        return new JsonStore().looksEncrypted(text);
    }
}
