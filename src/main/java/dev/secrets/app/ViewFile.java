package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsException;
import java.nio.file.Path;
import java.util.List;

/** {@code secrets view}: the whole decrypted file as plain dotenv (after the MAC verified). */
public final class ViewFile {
    private ViewFile() {
    }

    /** The file and extra identity files ({@code --identity}). */
    public record Request(Path file, List<Path> identities, byte[] stdin) {
        /** From a file ({@code stdin} null). */
        public Request(Path file, List<Path> identities) {
            this(file, identities, null);
        }

    }

    /** The plain text and warnings. */
    public record Result(byte[] plaintext, List<String> warnings) {
    }

    /** Decrypts and verifies the file. */
    public static Result run(Request request, Environment env) throws FileAccessException, DotenvSyntaxException,
            SopsException, KeyException {
        try (Keyring keyring = new Keyring(env, request.identities());
                OpenedFile opened = request.stdin() != null
                        ? SecretsFiles.open(request.stdin(), "stdin", keyring, true)
                        : SecretsFiles.open(env.resolve(request.file()), keyring, true)) {
            return new Result(opened.store().emitPlain(opened.plain()), opened.warnings());
        }
    }
}
