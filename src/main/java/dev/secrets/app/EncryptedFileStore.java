package dev.secrets.app;

import dev.secrets.io.AtomicFiles;
import dev.secrets.rotate.RotationStore;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The encrypted file as a rotation store: each commit rewrites it atomically with a credential and its copies changed, under
 * the same data key (other values keep their ciphertext). Refuses to write when the file changed on disk
 * since it was opened (someone else's edit is never overwritten).
 */
final class EncryptedFileStore implements RotationStore {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private final Path path;
    private final OpenedFile opened;
    private final Clock clock;
    private SopsTree current;
    private byte[] onDisk;
    private Path backup;

    EncryptedFileStore(Path path, OpenedFile opened, Clock clock) {
        this.path = path;
        this.opened = opened;
        this.clock = clock;
        this.current = opened.plain();
        this.onDisk = opened.original();
    }

    @Override
    public void backup() throws IOException {
        String base = path.getFileName() + ".backup-" + STAMP.format(clock.instant());
        for (int attempt = 1; ; attempt++) {
            Path target = path.resolveSibling(attempt == 1 ? base : base + "-" + attempt);
            try {
                AtomicFiles.createNew(target, onDisk);
                backup = target;
                return;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void commit(Map<String, SecretBytes> changes) throws IOException {
        try {
            if (!FileIo.unchanged(path, onDisk)) {
                throw new IOException("[" + path + "] changed on disk during the rotation; not overwritten");
            }
        } catch (FileAccessException e) {
            throw new IOException(e.getMessage(), e);
        }
        SopsTree next = current;
        for (Map.Entry<String, SecretBytes> change : changes.entrySet()) {
            next = set(next, change.getKey(), change.getValue());
        }
        byte[] bytes;
        try {
            bytes = SecretsFiles.seal(opened, next, clock);
            FileIo.checkSize(path, bytes);
        } catch (dev.secrets.sops.SopsException | FileAccessException e) {
            throw new IOException(e.getMessage(), e);
        }
        AtomicFiles.write(path, bytes, null);
        current = next;
        onDisk = bytes;
        RotationRecords.changed(path, changes.keySet(), clock.instant());
    }

    /** {@code tree} with {@code key} (a top-level name, or a sops path such as {@code ["db"]["password"]}) set. */
    private static SopsTree set(SopsTree tree, String key, SecretBytes newValue) throws IOException {
        byte[] raw = newValue.copy();
        try {
            if (dev.secrets.sops.TreePath.isBracketed(key)) {
                try {
                    return dev.secrets.sops.TreePath.parse(key).set(tree, Scalar.str(raw));
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            List<TreeItem> items = new ArrayList<>(tree.items());
            TreeItem.Entry entry = new TreeItem.Entry(key, Scalar.str(raw));
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof TreeItem.Entry e && e.key().equals(key)) {
                    items.set(i, entry);
                    return tree.withItems(items);
                }
            }
            items.add(entry);
            return tree.withItems(items);
        } finally {
            SecretBytes.wipe(raw);
        }
    }

    /** The backup written before the first change, or null. */
    Path backupPath() {
        return backup;
    }

    /** The file's bytes as last written (or as opened). */
    byte[] onDisk() {
        return onDisk;
    }

    /** The values as they are now in the file. */
    SopsTree current() {
        return current;
    }
}
