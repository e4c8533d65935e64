package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.io.LockFile;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.store.MetadataCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * One change to an encrypted file's values, under its edit lock: open, change the plain tree, seal under the
 * same data key (other values keep their ciphertext), and replace the file atomically, unless it changed on
 * disk meanwhile.
 */
final class TreeUpdate {
    private TreeUpdate() {
    }

    /** Computes the new tree from the plain one and the file's format; returns null to leave the file as it is. */
    interface Change {
        SopsTree apply(SopsTree plain, String format) throws UsageException;
    }

    /** Applies {@code change} to {@code file}; returns whether the file was rewritten. */
    static boolean apply(Path file, String source, List<Path> identities, Environment env, Clock clock, Change change)
            throws FileAccessException, DotenvSyntaxException, SopsException, KeyException, UsageException,
            EditException {
        LockFile lock = FileLocks.acquire(file, source, clock);
        try (lock; Keyring keyring = new Keyring(env, identities);
                OpenedFile opened = SecretsFiles.open(file, keyring, true)) {
            SopsTree changed = change.apply(opened.plain(), opened.store().name());
            if (changed == null) {
                return false;
            }
            try {
                byte[] sealed = SecretsFiles.seal(opened, changed, clock);
                FileIo.replaceIfUnchanged(file, opened.original(), sealed, source);
                return true;
            } finally {
                changed.wipe();
            }
        }
    }

    /**
     * Parses a {@code ["a"][0]} path, refusing one into the sops metadata.
     *
     * @throws UsageException naming the bad component
     */
    static TreePath path(String text) throws UsageException {
        TreePath path;
        try {
            path = TreePath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "path [" + text + "]: " + e.getMessage());
        }
        if (path.topKey().equals("sops") || path.topKey().startsWith(MetadataCodec.PREFIX)) {
            throw new UsageException(UsageException.Kind.RESERVED_KEY, "key [" + path.topKey()
                    + "] is reserved for SOPS metadata");
        }
        return path;
    }

    /** Refuses key names that cannot be a dotenv key or that belong to the SOPS metadata. */
    static void checkKey(String key) throws UsageException {
        if (key.startsWith(MetadataCodec.PREFIX)) {
            throw new UsageException(UsageException.Kind.RESERVED_KEY, "key [" + key
                    + "] starts with 'sops_', which is reserved for SOPS metadata");
        }
        if (key.isEmpty() || key.startsWith("#") || key.indexOf('=') >= 0 || !key.strip().equals(key)
                || key.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "key [" + key.replace("\n", "\\n")
                    + "] cannot be a dotenv key (it must be non-empty, without '=', line breaks or surrounding "
                    + "blanks, and not start with '#')");
        }
    }
}
