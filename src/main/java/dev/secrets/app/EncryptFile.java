package dev.secrets.app;

import dev.secrets.age.AgeDataKeyWrapper;
import dev.secrets.config.ConfigException;
import dev.secrets.dotenv.DotenvParser;
import dev.secrets.dotenv.DotenvPitfalls;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code secrets encrypt}: plain dotenv to a new SOPS file with a fresh data key. */
public final class EncryptFile {
    private EncryptFile() {
    }

    /**
     * What to encrypt.
     *
     * @param input the plain file, or null to use {@code stdin}
     * @param stdin the plain bytes when {@code input} is null
     * @param target the path creation rules are matched against (the input, or {@code --filename-override})
     * @param output where to write the result, or null to return it
     * @param age recipients from {@code --age} (empty: {@code SOPS_AGE_RECIPIENTS}, then {@code .sops.yaml})
     * @param config an explicit config file, or null to search
     * @param cryptRules selectors from the command line, by metadata name (at most one)
     * @param macOnlyEncrypted hash only encrypted values
     * @param inputType the plain input's format ({@code --input-type}), or null to go by the target's name
     * @param outputType the encrypted file's format ({@code --output-type}), or null for the input's
     */
    public record Request(Path input, byte[] stdin, Path target, Path output, List<String> age, Path config,
            Map<String, String> cryptRules, boolean macOnlyEncrypted, String inputType, String outputType) {
        /** A request in the format the target's name shows. */
        public Request(Path input, byte[] stdin, Path target, Path output, List<String> age, Path config,
                Map<String, String> cryptRules, boolean macOnlyEncrypted) {
            this(input, stdin, target, output, age, config, cryptRules, macOnlyEncrypted, null, null);
        }
    }

    /** The encrypted bytes (null when written to the output) and notes for {@code --verbose}. */
    public record Result(byte[] encrypted, List<String> notes, List<String> warnings) {
    }

    /** Encrypts as requested; nothing is written unless every step succeeded. */
    public static Result run(Request request, Environment env, Clock clock) throws FileAccessException,
            DotenvSyntaxException, SopsException, KeyException, ConfigException, UsageException {
        String source = request.input() != null ? request.input().toString() : "stdin";
        byte[] plain = request.input() != null ? FileIo.read(env.resolve(request.input())) : request.stdin();
        List<String> notes = new ArrayList<>();
        try {
            Path target = request.target() != null ? request.target() : request.input();
            SopsStore store = SopsStores.choose(request.inputType(), target != null ? target.toString() : null, null);
            SopsStore output = request.outputType() != null ? SopsStores.named(request.outputType())
                    : store.name().equals("binary") ? SopsStores.named("json") : store;
            if (store.looksEncrypted(plain)) {
                throw new SopsException.AlreadyEncrypted("[" + source + "] is already encrypted (it has sops metadata)");
            }
            ConflictGuard.refuseGitMarkers(plain, source);
            SopsTree tree;
            try {
                tree = store.parsePlain(plain, source);
            } catch (DotenvSyntaxException e) {
                // sops would take a file of no known extension as binary; we read it as dotenv, so say how not to.
                String name = target != null ? target.getFileName().toString() : null;
                boolean guessed = request.inputType() == null && name != null && SopsStores.byName(name) == null
                        && !name.contains(".env") && !name.startsWith("env");
                throw guessed ? e.withAdvice("not a dotenv file? pass --input-type binary (or yaml, json, ini)") : e;
            }
            Formats.refuseDroppedDocuments(tree, output, source);
            List<String> warnings = store.name().equals("dotenv")
                    ? DotenvPitfalls.warnings(DotenvParser.parse(plain, source), source) : List.of();
            NewFiles.Plan plan = NewFiles.plan(target, request.age(), request.config(), request.cryptRules(),
                    request.macOnlyEncrypted(), env, notes);
            try (OpenedFile created = NewFiles.create(plan, source, new AgeDataKeyWrapper()).withStore(output)) {
                byte[] out = SecretsFiles.seal(created, tree, clock);
                tree.wipe();
                if (request.output() != null) {
                    FileIo.write(env.resolve(request.output()), out, null);
                    return new Result(null, notes, warnings);
                }
                return new Result(out, notes, warnings);
            }
        } finally {
            if (request.input() != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }
}
