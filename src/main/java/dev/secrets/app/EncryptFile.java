package dev.secrets.app;

import dev.secrets.config.ConfigException;
import dev.secrets.config.CreationRule;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.IvStash;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeCipher;
import dev.secrets.sops.store.DotenvSopsStore;
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
     */
    public record Request(Path input, byte[] stdin, Path target, Path output, List<String> age, Path config,
            Map<String, String> cryptRules, boolean macOnlyEncrypted) {
    }

    /** The encrypted bytes (null when written to the output) and notes for {@code --verbose}. */
    public record Result(byte[] encrypted, List<String> notes) {
    }

    /** Encrypts as requested; nothing is written unless every step succeeded. */
    public static Result run(Request request, Environment env, Clock clock) throws FileAccessException,
            DotenvSyntaxException, SopsException, KeyException, ConfigException, UsageException {
        String source = request.input() != null ? request.input().toString() : "stdin";
        byte[] plain = request.input() != null ? FileIo.read(env.resolve(request.input())) : request.stdin();
        List<String> notes = new ArrayList<>();
        try {
            if (DotenvSopsStore.looksEncrypted(plain)) {
                throw new SopsException.AlreadyEncrypted("[" + source + "] is already encrypted (it has sops_ metadata)");
            }
            SopsTree tree = DotenvSopsStore.parsePlain(plain, source);
            Plan plan = plan(request, env, notes);
            SecretBytes dataKey = DataKeys.generate();
            try {
                RecipientPlan recipients = plan.recipients();
                List<List<WrappedKey>> groups = DataKeys.wrap(dataKey, recipients.groups(), recipients.threshold(),
                        new Keyring(env, List.of()).wrapper());
                TreeCipher.Encrypted encrypted = TreeCipher.encrypt(tree, plan.rule(), plan.macOnly(), dataKey,
                        new IvStash(), clock.instant());
                Metadata metadata = Metadata.fresh(groups, recipients.storedThreshold(),
                        plan.macOnly(), plan.rule()).withMac(encrypted.lastModified(), encrypted.mac());
                byte[] out = DotenvSopsStore.writeEncrypted(encrypted.tree(), metadata);
                tree.wipe();
                if (request.output() != null) {
                    FileIo.write(env.resolve(request.output()), out, null);
                    return new Result(null, notes);
                }
                return new Result(out, notes);
            } finally {
                dataKey.destroy();
            }
        } finally {
            if (request.input() != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private record Plan(RecipientPlan recipients, CryptRule rule, boolean macOnly) {
    }

    private static Plan plan(Request request, Environment env, List<String> notes)
            throws ConfigException, UsageException {
        List<String> age = new ArrayList<>(request.age());
        if (age.isEmpty()) {
            env.get("SOPS_AGE_RECIPIENTS").ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).forEach(age::add));
            if (!age.isEmpty()) {
                notes.add("recipients from SOPS_AGE_RECIPIENTS");
            }
        }
        Path target = request.target() != null ? request.target() : request.input();
        CreationRule rule = null;
        if (target != null) {
            try {
                rule = CreationRules.find(target, request.config(), env, notes).orElse(null);
            } catch (ConfigException.NoMatchingRule e) {
                // With recipients given explicitly a non-matching config is no error (sops: #611).
                if (age.isEmpty()) {
                    throw e;
                }
                notes.add("no creation rule matches; using the given recipients");
            }
        } else if (request.config() != null) {
            throw new UsageException(UsageException.Kind.CONFLICT,
                    "--config with stdin needs --filename-override to match a creation rule");
        }
        RecipientPlan recipients;
        if (!age.isEmpty()) {
            recipients = new RecipientPlan(List.of(age), 0);
        } else if (rule != null && !rule.ageKeyGroups().isEmpty()) {
            recipients = RecipientPlan.ofRule(rule);
        } else {
            throw new UsageException(UsageException.Kind.NO_RECIPIENTS,
                    "no recipients: pass --age age1..., set SOPS_AGE_RECIPIENTS, or add a creation rule with age "
                            + "keys to .sops.yaml");
        }
        Map<String, String> selectors = request.cryptRules().isEmpty() && rule != null
                ? rule.cryptRules() : request.cryptRules();
        CryptRule cryptRule = CryptRule.DEFAULT;
        if (selectors.size() > 1) {
            throw new UsageException(UsageException.Kind.CONFLICT,
                    "only one of " + String.join(", ", selectors.keySet()) + " may be set");
        }
        for (Map.Entry<String, String> e : selectors.entrySet()) {
            try {
                cryptRule = new CryptRule(CryptRule.Kind.byMetadataName(e.getKey()), e.getValue()).validated();
            } catch (IllegalArgumentException ex) {
                throw new UsageException(UsageException.Kind.CONFLICT, ex.getMessage());
            }
        }
        boolean macOnly = request.macOnlyEncrypted() || (rule != null && rule.macOnlyEncrypted());
        return new Plan(recipients, cryptRule, macOnly);
    }
}
