package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.store.DotenvSopsStore;
import java.nio.file.Path;
import java.util.List;

/** {@code secrets decrypt}: a SOPS file to plain dotenv, or one value with {@code --extract}. */
public final class DecryptFile {
    private DecryptFile() {
    }

    /**
     * What to decrypt.
     *
     * @param input the encrypted file, or null to use {@code stdin}
     * @param stdin the encrypted bytes when {@code input} is null
     * @param output where to write the plaintext (mode 0600 unless it exists), or null to return it
     * @param inPlace whether {@code output} is the input on purpose ({@code -i})
     * @param extract a key whose first value alone is returned (raw, no line feed), or null
     * @param ignoreMac skip MAC verification (a warning is returned)
     * @param identities extra identity files ({@code --identity})
     */
    public record Request(Path input, byte[] stdin, Path output, boolean inPlace, String extract, boolean ignoreMac,
            List<Path> identities) {
    }

    /** The plaintext (null when written to the output), warnings, and notes for {@code --verbose}. */
    public record Result(byte[] plaintext, List<String> warnings, List<String> notes) {
    }

    /** Decrypts as requested; nothing is written unless decryption and verification succeeded. */
    public static Result run(Request request, Environment env) throws FileAccessException, DotenvSyntaxException,
            SopsException, KeyException, UsageException {
        try (Keyring keyring = new Keyring(env, request.identities())) {
            byte[] bytes = request.input() != null ? FileIo.read(env.resolve(request.input())) : request.stdin();
            String source = request.input() != null ? request.input().toString() : "stdin";
            try (OpenedFile opened = SecretsFiles.open(bytes, source, keyring, !request.ignoreMac())) {
                byte[] out;
                if (request.extract() != null) {
                    TreeItem.Entry entry = opened.plain().first(request.extract()).orElseThrow(() -> new UsageException(
                            UsageException.Kind.KEY_NOT_FOUND, "key [" + request.extract() + "] is not in [" + source + "]"));
                    out = entry.value().bytes();
                } else {
                    out = DotenvSopsStore.emitPlain(opened.plain());
                }
                List<String> notes = keyring.notes();
                if (request.output() != null) {
                    Path target = env.resolve(request.output());
                    if (request.input() != null && !request.inPlace() && (target.equals(env.resolve(request.input()))
                            || FileIo.sameFile(target, env.resolve(request.input())))) {
                        throw new UsageException(UsageException.Kind.CONFLICT, "-o [" + request.output()
                                + "] is the encrypted input; use -i to replace it with plaintext on purpose");
                    }
                    FileIo.write(target, out, target.toFile().exists() ? null : AtomicFiles.OWNER_RW);
                    return new Result(null, opened.warnings(), notes);
                }
                return new Result(out, opened.warnings(), notes);
            }
        }
    }
}
