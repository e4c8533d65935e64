package dev.secrets.app;

import dev.secrets.config.ConfigException;
import dev.secrets.config.CreationRule;
import dev.secrets.io.Environment;
import dev.secrets.keys.DataKeyWrapper;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.IvStash;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything a new encrypted file needs before it has content: its recipients and crypt rule (from
 * {@code --age}, {@code SOPS_AGE_RECIPIENTS} or the matching {@code .sops.yaml} creation rule) and a fresh data
 * key wrapped for them. Used by {@code encrypt} and by {@code edit} of a file that does not exist yet.
 */
final class NewFiles {
    private NewFiles() {
    }

    /** Where a new file's keys and rules come from. */
    record Plan(RecipientPlan recipients, CryptRule rule, boolean macOnly) {
    }

    /**
     * Decides recipients and rules for a file at {@code target} (null: stdin without a name).
     *
     * @param age recipients from {@code --age} (empty: {@code SOPS_AGE_RECIPIENTS}, then {@code .sops.yaml})
     * @param config an explicit config file, or null to search
     * @param cryptRules selectors from the command line, by metadata name (at most one)
     * @param notes receives what was used, for {@code --verbose}
     */
    static Plan plan(Path target, List<String> age, Path config, Map<String, String> cryptRules,
            boolean macOnlyEncrypted, Environment env, List<String> notes) throws ConfigException, UsageException {
        List<String> recipients = new ArrayList<>(age);
        if (recipients.isEmpty()) {
            env.get("SOPS_AGE_RECIPIENTS").ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).forEach(recipients::add));
            if (!recipients.isEmpty()) {
                notes.add("recipients from SOPS_AGE_RECIPIENTS");
            }
        }
        CreationRule rule = null;
        if (target != null) {
            try {
                rule = CreationRules.find(target, config, env, notes).orElse(null);
            } catch (ConfigException.NoMatchingRule e) {
                // With recipients given explicitly a non-matching config is no error (sops: #611).
                if (recipients.isEmpty()) {
                    throw e;
                }
                notes.add("no creation rule matches; using the given recipients");
            }
        } else if (config != null) {
            throw new UsageException(UsageException.Kind.CONFLICT,
                    "--config with stdin needs --filename-override to match a creation rule");
        } else if (recipients.isEmpty()) {
            // sops refuses stdin without --filename-override outright; with --age the name is not needed.
            throw new UsageException(UsageException.Kind.CONFLICT, "stdin has no file name to match the creation "
                    + "rules of .sops.yaml against: pass --filename-override PATH (the name the file will have), "
                    + "or the recipients with --age");
        }
        RecipientPlan plan;
        if (!recipients.isEmpty()) {
            plan = new RecipientPlan(List.of(recipients), 0);
        } else if (rule != null && !rule.ageKeyGroups().isEmpty()) {
            plan = RecipientPlan.ofRule(rule);
        } else {
            throw new UsageException(UsageException.Kind.NO_RECIPIENTS,
                    "no recipients: pass --age age1..., set SOPS_AGE_RECIPIENTS, or add a creation rule with age "
                            + "keys to .sops.yaml");
        }
        Map<String, String> selectors = cryptRules.isEmpty() && rule != null ? rule.cryptRules() : cryptRules;
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
        boolean macOnly = macOnlyEncrypted || (rule != null && rule.macOnlyEncrypted());
        return new Plan(plan, cryptRule, macOnly);
    }

    /**
     * A new, empty file under {@code plan}: a fresh data key already wrapped for every recipient (so a bad
     * recipient fails now, before anything is typed), metadata without a MAC yet, no original bytes. Seal it
     * with {@link SecretsFiles#seal}; close it to wipe the key.
     */
    static OpenedFile create(Plan plan, String source, DataKeyWrapper wrapper) throws KeyException {
        SecretBytes dataKey = DataKeys.generate();
        try {
            List<List<WrappedKey>> groups = DataKeys.wrap(dataKey, plan.recipients().groups(),
                    plan.recipients().threshold(), wrapper);
            Metadata metadata = Metadata.fresh(groups, plan.recipients().storedThreshold(), plan.macOnly(), plan.rule());
            SopsTree empty = new SopsTree(List.of());
            return new OpenedFile(source, new SopsDocument(empty, metadata), null, dataKey, empty, new IvStash(),
                    List.of());
        } catch (KeyException | RuntimeException e) {
            dataKey.destroy();
            throw e;
        }
    }
}
