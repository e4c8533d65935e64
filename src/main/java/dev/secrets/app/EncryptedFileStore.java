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

/**
 * The encrypted file as a rotation store: each commit rewrites it atomically with one value changed, under
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
    public void commit(String key, SecretBytes newValue) throws IOException {
        try {
            if (!FileIo.unchanged(path, onDisk)) {
                throw new IOException("[" + path + "] changed on disk during the rotation; not overwritten");
            }
        } catch (FileAccessException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<TreeItem> items = new ArrayList<>(current.items());
        int index = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof TreeItem.Entry e && e.key().equals(key)) {
                index = i;
                break;
            }
        }
        byte[] raw = newValue.copy();
        if (dev.secrets.sops.TreePath.isBracketed(key)) {
            try {
                current = dev.secrets.sops.TreePath.parse(key).set(current, Scalar.str(raw));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                SecretBytes.wipe(raw);
            }
            write(current);
            return;
        }
        try {
            TreeItem.Entry entry = new TreeItem.Entry(key, Scalar.str(raw));
            if (index < 0) {
                items.add(entry);
            } else {
                items.set(index, entry);
            }
        } finally {
            SecretBytes.wipe(raw);
        }
        write(new SopsTree(items));
    }

    private void write(SopsTree next) throws IOException {
        byte[] bytes;
        try {
            bytes = SecretsFiles.seal(opened, next, clock);
        } catch (dev.secrets.sops.SopsException e) {
            throw new IOException(e.getMessage(), e);
        }
        AtomicFiles.write(path, bytes, null);
        current = next;
        onDisk = bytes;
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
