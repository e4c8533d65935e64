package dev.secrets.sops.store;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeValue;

/**
 * One file format, as sops's {@code Store}: plain bytes to tree and back, and the encrypted layout (data plus
 * the {@code sops} metadata). Chosen in one place, {@link SopsStores#choose}.
 */
public interface SopsStore {
    /** The format's name as {@code --input-type} spells it. */
    String name();

    /**
     * The tree of a plain document.
     *
     * @throws SopsException.AlreadyEncrypted when the document already carries sops metadata
     * @throws SopsException.InvalidDocument when it does not parse
     */
    SopsTree parsePlain(byte[] text, String source) throws SopsException, DotenvSyntaxException;

    /**
     * The plain document of a decrypted tree, as {@code sops decrypt} prints it.
     *
     * @throws SopsException.UnsupportedFormat when the tree cannot be written in this format (nested values in
     *     a flat store)
     */
    byte[] emitPlain(SopsTree tree) throws SopsException;

    /**
     * Reads an encrypted file.
     *
     * @throws SopsException.NotEncrypted when it has no sops metadata
     * @throws SopsException.InvalidMetadata when the metadata is malformed
     */
    SopsDocument readEncrypted(byte[] text, String source) throws SopsException, DotenvSyntaxException;

    /**
     * The bytes of an encrypted file; {@code previous} (may be null) is the document as read, whose layout is
     * kept (metadata key order, indentation) so only changed lines differ.
     */
    byte[] writeEncrypted(SopsTree tree, Metadata metadata, SopsDocument previous) throws SopsException;

    /**
     * One value for {@code decrypt --extract}: a string raw, another scalar as text, a mapping or list in this
     * format.
     */
    byte[] emitValue(TreeValue value) throws SopsException;

    /**
     * A mapping for {@code decrypt --extract}: as sops, the mapping written as a whole plain file of this format.
     *
     * @throws SopsException.UnsupportedFormat when the mapping cannot be a file of this format
     */
    default byte[] emitMapping(TreeValue.Mapping mapping) throws SopsException {
        return emitPlain(new SopsTree(mapping.items()));
    }

    /** True when {@code text} looks like an encrypted file of this store. */
    boolean looksEncrypted(byte[] text);
}
