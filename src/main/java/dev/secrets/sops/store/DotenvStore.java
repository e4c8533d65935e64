package dev.secrets.sops.store;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;

/** The dotenv format behind the store seam: {@link DotenvSopsStore}, unchanged, plus the nested-value refusal. */
final class DotenvStore implements SopsStore {
    static final DotenvStore INSTANCE = new DotenvStore();

    private DotenvStore() {
    }

    @Override
    public String name() {
        return "dotenv";
    }

    @Override
    public SopsTree parsePlain(byte[] text, String source) throws SopsException, DotenvSyntaxException {
        return DotenvSopsStore.parsePlain(text, source);
    }

    @Override
    public byte[] emitPlain(SopsTree tree) throws SopsException {
        requireFlat(tree);
        return DotenvSopsStore.emitPlain(tree);
    }

    @Override
    public SopsDocument readEncrypted(byte[] text, String source) throws SopsException, DotenvSyntaxException {
        return DotenvSopsStore.readEncrypted(text, source);
    }

    @Override
    public byte[] writeEncrypted(SopsTree tree, Metadata metadata, SopsDocument previous) throws SopsException {
        requireFlat(tree);
        return DotenvSopsStore.writeEncrypted(tree, metadata);
    }

    @Override
    public byte[] emitValue(TreeValue value) throws SopsException {
        if (value instanceof Scalar s) {
            return s.bytes();
        }
        throw new SopsException.UnsupportedFormat("a dotenv file can only print single values, not a mapping or list");
    }

    @Override
    public boolean looksEncrypted(byte[] text) {
        return DotenvSopsStore.looksEncrypted(text);
    }

    /** Sops's rule: a dotenv file holds no mappings or lists. */
    static void requireFlat(SopsTree tree) throws SopsException {
        for (TreeItem item : tree.items()) {
            if (item instanceof TreeItem.Nested n) {
                throw new SopsException.UnsupportedFormat("cannot use a mapping, list or null in a dotenv file; "
                        + "offending key [" + n.key() + "]");
            }
        }
        if (!tree.moreBranches().isEmpty()) {
            throw new SopsException.UnsupportedFormat("a dotenv file holds one document, not several");
        }
    }
}
