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
     */
    public record Request(Path file, String key, SecretBytes value, GenerateSecret.Spec generate,
            List<Path> identities) {
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
        boolean[] added = {false};
        List<String> warnings = new ArrayList<>();
        try {
            byte[] bytes = value.copy();
            try {
                if (path == null && SopsStores.choose(null, request.file().toString(), null).name().equals("dotenv")) {
                    warnings.addAll(DotenvPitfalls.entryWarnings(request.key(), bytes, "key [" + request.key()
                            + "] set in [" + request.file() + "]: "));
                }
                TreeUpdate.apply(env.resolve(request.file()), request.file().toString(), request.identities(), env,
                        clock, plain -> {
                            TreePath at = path != null ? path : TreePath.dotted(request.key(), plain);
                            if (at != null) {
                                added[0] = at.get(plain) == null;
                                return at.set(plain, Scalar.str(bytes));
                            }
                            List<TreeItem> items = new ArrayList<>(plain.items());
                            TreeItem.Entry replacement = new TreeItem.Entry(request.key(), Scalar.str(bytes));
                            for (int i = 0; i < items.size(); i++) {
                                if (items.get(i) instanceof TreeItem.Entry e && e.key().equals(request.key())
                                        || items.get(i) instanceof TreeItem.Nested n && n.key().equals(request.key())) {
                                    items.set(i, replacement);
                                    return new SopsTree(items);
                                }
                            }
                            items.add(replacement);
                            added[0] = true;
                            return new SopsTree(items);
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
}
