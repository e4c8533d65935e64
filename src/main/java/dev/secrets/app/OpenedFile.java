package dev.secrets.app;

import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.IvStash;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsTree;
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
 */
public record OpenedFile(String source, SopsDocument stored, byte[] original, SecretBytes dataKey, SopsTree plain,
        IvStash stash, List<String> warnings) implements AutoCloseable {
    @Override
    public void close() {
        dataKey.destroy();
        plain.wipe();
        stash.clear();
    }
}
