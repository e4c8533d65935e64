package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeCipher;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import java.nio.file.Path;
import java.time.Clock;

/** Opening an encrypted file (read, unwrap the data key, decrypt, verify) and sealing a changed tree back. */
public final class SecretsFiles {
    private SecretsFiles() {
    }

    /**
     * The stored document of encrypted bytes named {@code source} (metadata and still-encrypted values, no key
     * needed), in the store its name (else its content) shows.
     */
    public static SopsDocument read(byte[] bytes, String source) throws SopsException, DotenvSyntaxException {
        return SopsStores.choose(null, source, bytes).readEncrypted(bytes, source);
    }

    /** Reads and opens {@code path}; refuses a file with merge conflicts (see {@link #openConflicted}). */
    public static OpenedFile open(Path path, Keyring keyring, boolean verifyMac)
            throws FileAccessException, SopsException, KeyException, DotenvSyntaxException {
        return open(FileIo.read(path), path.toString(), keyring, verifyMac);
    }

    /** Reads and opens {@code path} as {@code inputType} (null: by name, then content). */
    public static OpenedFile open(Path path, String inputType, Keyring keyring, boolean verifyMac)
            throws FileAccessException, SopsException, KeyException, DotenvSyntaxException {
        byte[] bytes = FileIo.read(path);
        return open(bytes, path.toString(), SopsStores.choose(inputType, path.toString(), bytes), keyring, verifyMac);
    }

    /** Opens encrypted bytes named {@code source}, in the store its name (else its content) shows. */
    public static OpenedFile open(byte[] bytes, String source, Keyring keyring, boolean verifyMac)
            throws SopsException, KeyException, DotenvSyntaxException {
        return open(bytes, source, SopsStores.choose(null, source, bytes), keyring, verifyMac);
    }

    /** Opens encrypted bytes named {@code source} in {@code store}; refuses git's markers and unresolved merge-driver conflicts. */
    public static OpenedFile open(byte[] bytes, String source, SopsStore store, Keyring keyring, boolean verifyMac)
            throws SopsException, KeyException, DotenvSyntaxException {
        OpenedFile opened = openConflicted(bytes, source, store, keyring, verifyMac);
        try {
            ConflictGuard.refuseUnresolved(opened.plain(), source);
            return opened;
        } catch (SopsException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * Like {@link #open(byte[], String, Keyring, boolean)} but keeps the merge driver's conflict regions, for
     * {@code edit} (which resolves them) and diffs (which show them); git's raw markers are still refused.
     */
    public static OpenedFile openConflicted(byte[] bytes, String source, Keyring keyring, boolean verifyMac)
            throws SopsException, KeyException, DotenvSyntaxException {
        return openConflicted(bytes, source, SopsStores.choose(null, source, bytes), keyring, verifyMac);
    }

    /** {@link #openConflicted(byte[], String, Keyring, boolean)} in {@code store}. */
    static OpenedFile openConflicted(byte[] bytes, String source, SopsStore store, Keyring keyring,
            boolean verifyMac) throws SopsException, KeyException, DotenvSyntaxException {
        ConflictGuard.refuseGitMarkers(bytes, source);
        SopsDocument document = store.readEncrypted(bytes, source);
        SecretBytes dataKey = DataKeys.recover(document.metadata(), keyring);
        try {
            TreeCipher.Decrypted decrypted = TreeCipher.decrypt(document.tree(), document.metadata(), dataKey, verifyMac);
            return new OpenedFile(source, document, bytes, dataKey, decrypted.tree(), decrypted.stash(),
                    decrypted.warnings(), store);
        } catch (SopsException e) {
            dataKey.destroy();
            throw namingFile(e, source);
        } catch (RuntimeException e) {
            dataKey.destroy();
            throw e;
        }
    }

    /** The tree cipher names keys only; the user also needs to know which file. */
    private static SopsException namingFile(SopsException e, String source) {
        String message = "[" + source + "] " + e.getMessage();
        if (e instanceof SopsException.ValueTampered) {
            return new SopsException.ValueTampered(message, null);
        }
        if (e instanceof SopsException.MalformedValue) {
            return new SopsException.MalformedValue(message);
        }
        if (e instanceof SopsException.MacMismatch) {
            return new SopsException.MacMismatch(message);
        }
        return e;
    }

    /**
     * The bytes of an already encrypted tree and its metadata in {@code opened}'s format and layout. The tree came
     * from that format, so writing it back cannot fail.
     */
    static byte[] write(OpenedFile opened, SopsTree encrypted, Metadata metadata) {
        try {
            return opened.store().writeEncrypted(encrypted, metadata, opened.stored());
        } catch (SopsException e) {
            throw new IllegalStateException("a tree read from " + opened.store().name() + " did not write back", e);
        }
    }

    /**
     * The bytes of {@code opened} with its values replaced by {@code newPlain}, under the same data key:
     * unchanged values keep their exact ciphertext; {@code lastmodified} and the MAC are renewed.
     */
    public static byte[] seal(OpenedFile opened, SopsTree newPlain, Clock clock) throws SopsException {
        Metadata metadata = opened.stored().metadata();
        TreeCipher.Encrypted encrypted = TreeCipher.encrypt(newPlain, metadata.cryptRule(), metadata.macOnlyEncrypted(),
                opened.dataKey(), opened.stash(), clock.instant());
        return opened.store().writeEncrypted(encrypted.tree(),
                metadata.withMac(encrypted.lastModified(), encrypted.mac()), opened.stored());
    }
}
