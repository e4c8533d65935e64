package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.nio.file.Path;
import java.util.List;

/** {@code secrets get}: one value, raw (no quoting, no line feed), for scripts. */
public final class GetValue {
    private GetValue() {
    }

    /** The file, the key, and extra identity files ({@code --identity}). */
    public record Request(Path file, String key, List<Path> identities, byte[] stdin) {
        /** From a file ({@code stdin} null). */
        public Request(Path file, String key, List<Path> identities) {
            this(file, key, identities, null);
        }

    }

    /** The value's bytes and warnings. */
    public record Result(byte[] value, List<String> warnings) {
    }

    /**
     * The first value of the key, after the MAC verified.
     *
     * @throws UsageException {@code KEY_NOT_FOUND} when the key is not in the file
     */
    public static Result run(Request request, Environment env) throws FileAccessException, DotenvSyntaxException,
            SopsException, KeyException, UsageException {
        String source = request.stdin() != null ? "stdin" : String.valueOf(request.file());
        try (Keyring keyring = new Keyring(env, request.identities());
                OpenedFile opened = request.stdin() != null
                        ? SecretsFiles.open(request.stdin(), "stdin", keyring, true)
                        : SecretsFiles.open(env.resolve(request.file()), keyring, true)) {
            boolean nested = opened.plain().items().stream()
                    .anyMatch(i -> i instanceof TreeItem.Nested n && n.key().equals(request.key()));
            dev.secrets.sops.TreePath path = KeyPaths.of(request.key(), opened.plain(), opened.store().name());
            if (path != null || nested) {
                TreeValue value = (path != null ? path : TreeUpdate.path(request.key())).get(opened.plain());
                if (value == null) {
                    throw new UsageException(UsageException.Kind.KEY_NOT_FOUND, "key [" + request.key() + "] is not in ["
                            + source + "]");
                }
                if (value instanceof TreeValue.Null) {
                    throw new UsageException(UsageException.Kind.UNSUPPORTED, "key [" + request.key() + "] in ["
                            + source + "] is null: it has no value");
                }
                if (!(value instanceof Scalar scalar)) {
                    throw new UsageException(UsageException.Kind.UNSUPPORTED, "key [" + request.key() + "] in ["
                            + source + "] holds a mapping or a list; use decrypt --extract for those");
                }
                return new Result(scalar.bytes(), opened.warnings());
            }
            TreeItem.Entry entry = opened.plain().first(request.key()).orElseThrow(() -> new UsageException(
                    UsageException.Kind.KEY_NOT_FOUND, "key [" + request.key() + "] is not in [" + source + "]"));
            return new Result(entry.value().bytes(), opened.warnings());
        }
    }
}
