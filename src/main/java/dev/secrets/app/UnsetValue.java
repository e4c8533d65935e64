package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.TreeItem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@code secrets unset}: removes every occurrence of a key, atomically; other values keep their ciphertext. */
public final class UnsetValue {
    private UnsetValue() {
    }

    /**
     * What to remove.
     *
     * @param file the encrypted file
     * @param key the key to remove
     * @param idempotent a missing key is not an error (nothing is written)
     * @param identities extra identity files ({@code --identity})
     */
    public record Request(Path file, String key, boolean idempotent, List<Path> identities) {
    }

    /** How many entries were removed (0 only with {@code idempotent}). */
    public record Result(int removed) {
    }

    /**
     * Removes the key.
     *
     * @throws UsageException {@code KEY_NOT_FOUND} when the key is missing and not {@code idempotent}
     */
    public static Result run(Request request, Environment env, Clock clock) throws FileAccessException,
            DotenvSyntaxException, SopsException, KeyException, UsageException, EditException {
        TreePath path = TreePath.isBracketed(request.key()) ? TreeUpdate.path(request.key()) : null;
        if (path == null) {
            TreeUpdate.checkKey(request.key());
        }
        int[] removed = {0};
        TreeUpdate.apply(env.resolve(request.file()), request.file().toString(), request.identities(), env, clock,
                (plain, format) -> {
                    TreePath at = path != null ? path : KeyPaths.of(request.key(), plain, format);
                    if (at != null) {
                        SopsTree changed = at.unset(plain);
                        if (changed == null && !request.idempotent()) {
                            throw new UsageException(UsageException.Kind.KEY_NOT_FOUND, "key [" + request.key()
                                    + "] is not in [" + request.file() + "]");
                        }
                        removed[0] = changed == null ? 0 : 1;
                        return changed;
                    }
                    List<TreeItem> items = new ArrayList<>();
                    for (TreeItem item : plain.items()) {
                        if (item instanceof TreeItem.Entry e && e.key().equals(request.key())
                                || item instanceof TreeItem.Nested n && n.key().equals(request.key())) {
                            removed[0]++;
                        } else {
                            items.add(item);
                        }
                    }
                    if (removed[0] == 0) {
                        if (request.idempotent()) {
                            return null;
                        }
                        throw new UsageException(UsageException.Kind.KEY_NOT_FOUND, "key [" + request.key()
                                + "] is not in [" + request.file() + "]");
                    }
                    return plain.withItems(items);
                });
        return new Result(removed[0]);
    }
}
