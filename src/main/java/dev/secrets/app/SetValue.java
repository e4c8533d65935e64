package dev.secrets.app;

import dev.secrets.dotenv.DotenvPitfalls;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.store.SopsStores;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code secrets set}: adds a key or replaces the first occurrence of it, atomically. Every other value keeps
 * its exact ciphertext.
 */
public final class SetValue {
    private SetValue() {
    }

    /**
     * What to set.
     *
     * @param file the encrypted file (must exist)
     * @param key the key to add or replace
     * @param value the new value, or null to generate one from {@code generate}
     * @param generate how to generate the value when {@code value} is null
     * @param identities extra identity files ({@code --identity})
     * @param jsonValue the value is JSON, as {@code sops set} reads it ({@code --json-value})
     */
    public record Request(Path file, String key, SecretBytes value, GenerateSecret.Spec generate,
            List<Path> identities, boolean jsonValue) {
    }

    /** Whether the key was added (true) or an existing value replaced (false), and dotenv pitfall warnings. */
    public record Result(boolean added, List<String> warnings) {
    }

    /** Sets the value; the file is replaced atomically or not at all. */
    public static Result run(Request request, Environment env, Clock clock) throws FileAccessException,
            DotenvSyntaxException, SopsException, KeyException, UsageException, EditException {
        TreePath path = TreePath.isBracketed(request.key()) ? TreeUpdate.path(request.key()) : null;
        if (path == null) {
            TreeUpdate.checkKey(request.key());
        }
        if ((request.value() == null) == (request.generate() == null)) {
            throw new UsageException(UsageException.Kind.CONFLICT, "give exactly one of a value, --stdin or --generate");
        }
        SecretBytes value = request.value() != null ? request.value() : GenerateSecret.one(request.generate());
        boolean flat = SopsStores.choose(null, request.file().toString(), null).name().equals("dotenv");
        boolean[] added = {false};
        List<String> warnings = new ArrayList<>();
        try {
            byte[] bytes = value.copy();
            try {
                if (path == null && flat) {
                    warnings.addAll(DotenvPitfalls.entryWarnings(request.key(), bytes, "key [" + request.key()
                            + "] set in [" + request.file() + "]: "));
                }
                TreeUpdate.apply(env.resolve(request.file()), request.file().toString(), request.identities(), env,
                        clock, (plain, format) -> {
                            TreePath at = path != null ? path : KeyPaths.of(request.key(), plain, format);
                            if (at != null) {
                                TreeValue old = at.get(plain);
                                added[0] = old == null;
                                try {
                                    return at.set(plain, newValue(request, bytes, old, format));
                                } catch (IllegalArgumentException e) {
                                    throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "path ["
                                            + request.key() + "]: " + e.getMessage());
                                }
                            }
                            List<TreeItem> items = new ArrayList<>(plain.items());
                            for (int i = 0; i < items.size(); i++) {
                                TreeItem item = items.get(i);
                                if (item instanceof TreeItem.Entry e && e.key().equals(request.key())
                                        || item instanceof TreeItem.Nested n && n.key().equals(request.key())) {
                                    TreeValue old = item instanceof TreeItem.Entry e ? e.value()
                                            : ((TreeItem.Nested) item).value();
                                    items.set(i, TreeItem.of(request.key(), newValue(request, bytes, old, format)));
                                    return plain.withItems(items);
                                }
                            }
                            TreeItem replacement = TreeItem.of(request.key(), newValue(request, bytes, null, format));
                            items.add(replacement);
                            added[0] = true;
                            return plain.withItems(items);
                        });
            } finally {
                SecretBytes.wipe(bytes);
            }
        } finally {
            if (request.value() == null) {
                value.destroy();
            }
        }
        return new Result(added[0], warnings);
    }

    /** The value to store: parsed JSON with {@code --json-value}, else a string or the type it replaces. */
    private static TreeValue newValue(Request request, byte[] bytes, TreeValue old, String format)
            throws UsageException {
        if (!request.jsonValue()) {
            return SetValueTypes.plain(bytes, old);
        }
        TreeValue value = SetValueTypes.json(bytes, request.key());
        if (format.equals("dotenv") && !(value instanceof Scalar)) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "[" + request.file() + "] is a flat file: key ["
                    + request.key() + "] takes a plain value, not a JSON mapping or list");
        }
        return value;
    }
}
