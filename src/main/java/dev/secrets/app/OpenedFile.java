package dev.secrets.app;

import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.IvStash;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import java.util.List;

/**
 * An encrypted file opened for reading or changing: the stored document, its data key, the decrypted tree and
 * the IVs seen. {@link #close()} wipes the key and the plaintext.
 *
 * @param source the file name for messages
 * @param stored the document as stored
 * @param original the stored bytes (to detect a change on disk before writing back); null for a new file
 * @param dataKey the file's data key
 * @param plain the decrypted tree
 * @param stash the IVs of the decrypted values
 * @param warnings things the user should know (MAC not verified, comment kept as stored)
 * @param store the file's format, which writes it back
 */
public record OpenedFile(String source, SopsDocument stored, byte[] original, SecretBytes dataKey, SopsTree plain,
        IvStash stash, List<String> warnings, SopsStore store) implements AutoCloseable {
    /** A dotenv file. */
    public OpenedFile(String source, SopsDocument stored, byte[] original, SecretBytes dataKey, SopsTree plain,
            IvStash stash, List<String> warnings) {
        this(source, stored, original, dataKey, plain, stash, warnings, SopsStores.dotenv());
    }

    /** The same file written by {@code other} (a new file's format, known once its input was read). */
    public OpenedFile withStore(SopsStore other) {
        return new OpenedFile(source, stored, original, dataKey, plain, stash, warnings, other);
    }

    @Override
    public void close() {
        dataKey.destroy();
        plain.wipe();
        stash.clear();
    }
}
