package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
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
     * @param inputType the input's format ({@code --input-type}), or null to go by name, then content
     * @param outputType the plaintext's format ({@code --output-type}), or null for the input's
     */
    public record Request(Path input, byte[] stdin, Path output, boolean inPlace, String extract, boolean ignoreMac,
            List<Path> identities, String inputType, String outputType) {
        /** A request in the input's own format. */
        public Request(Path input, byte[] stdin, Path output, boolean inPlace, String extract, boolean ignoreMac,
                List<Path> identities) {
            this(input, stdin, output, inPlace, extract, ignoreMac, identities, null, null);
        }
    }

    /** The plaintext (null when written to the output), warnings, and notes for {@code --verbose}. */
    public record Result(byte[] plaintext, List<String> warnings, List<String> notes) {
    }

    /**
     * One value as sops's {@code --extract} prints it: a string raw, a mapping as a whole file of the output
     * format, anything else as that format writes a single value.
     */
    private static byte[] extract(OpenedFile opened, SopsStore output, String extract, String source)
            throws UsageException, SopsException {
        TreePath path;
        try {
            path = TreePath.parse(extract);
        } catch (IllegalArgumentException e) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "--extract [" + extract + "]: " + e.getMessage());
        }
        TreeValue value = path.get(opened.plain());
        if (value == null) {
            throw new UsageException(UsageException.Kind.KEY_NOT_FOUND, "key [" + extract + "] is not in [" + source + "]");
        }
        if (value instanceof Scalar s && Scalar.STR.equals(s.type())) {
            return s.bytes();
        }
        if (value instanceof TreeValue.Mapping m) {
            return output.emitMapping(m);
        }
        return output.emitValue(value);
    }

    /** Decrypts as requested; nothing is written unless decryption and verification succeeded. */
    public static Result run(Request request, Environment env) throws FileAccessException, DotenvSyntaxException,
            SopsException, KeyException, UsageException {
        try (Keyring keyring = new Keyring(env, request.identities())) {
            byte[] bytes = request.input() != null ? FileIo.read(env.resolve(request.input())) : request.stdin();
            String source = request.input() != null ? request.input().toString() : "stdin";
            SopsStore store = SopsStores.choose(request.inputType(), request.input() != null ? source : null, bytes);
            try (OpenedFile opened = SecretsFiles.open(bytes, source, store, keyring, !request.ignoreMac())) {
                SopsStore output = request.outputType() != null ? SopsStores.named(request.outputType()) : store;
                byte[] out;
                if (request.extract() != null) {
                    out = extract(opened, output, request.extract(), source);
                } else {
                    Formats.refuseDroppedDocuments(opened.plain(), output, source);
                    out = output.emitPlain(opened.plain());
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
