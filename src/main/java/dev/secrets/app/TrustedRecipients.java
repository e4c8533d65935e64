package dev.secrets.app;

import dev.secrets.config.ConfigException;
import dev.secrets.config.CreationRule;
import dev.secrets.io.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recipients are not covered by the MAC, so anyone who can write the file can add their own and receive the next
 * data key. Before a new data key is wrapped, the file's recipients are compared with those the {@code .sops.yaml}
 * creation rule for it names (the trusted state); a recipient only the file names is refused unless the person
 * confirms ({@code --yes}) or adds it on purpose ({@code --add-age}). Without a config or a matching rule there is
 * nothing to compare with, and the check says so in the notes.
 */
final class TrustedRecipients {
    private TrustedRecipients() {
    }

    /**
     * Refuses when {@code recipients} name one that neither the creation rule nor {@code added} names.
     *
     * @throws UsageException of kind {@code NOT_CONFIRMED} naming the recipients (public keys, not secrets)
     */
    static void check(Path path, String source, RecipientPlan recipients, List<String> added, boolean confirmed,
            Environment env, List<String> notes) throws UsageException {
        Optional<CreationRule> rule;
        try {
            rule = CreationRules.find(path, null, env, new ArrayList<>());
        } catch (ConfigException e) {
            notes.add("recipients not checked against .sops.yaml (" + e.getMessage() + ")");
            return;
        }
        if (rule.isEmpty()) {
            notes.add("recipients not checked: no .sops.yaml creation rule for [" + source + "]");
            return;
        }
        List<String> trusted = new ArrayList<>(ruleRecipients(rule.get()));
        trusted.addAll(added);
        List<String> unknown = notNamed(recipients, trusted);
        if (unknown.isEmpty()) {
            return;
        }
        if (confirmed) {
            notes.add("kept recipient(s) the creation rule does not name, as confirmed: " + unknown);
            return;
        }
        throw new UsageException(UsageException.Kind.NOT_CONFIRMED, "[" + source + "] has recipient(s) "
                + unknown + " that its .sops.yaml creation rule does not name; they would receive the new data key."
                + " Recipients are not covered by the MAC: check who added them, then remove them (--rm-age, or"
                + " updatekeys) or keep them with --yes");
    }

    /** Every age recipient {@code rule} names, in any key group. */
    static List<String> ruleRecipients(CreationRule rule) {
        return rule.ageKeyGroups().stream().flatMap(List::stream).toList();
    }

    /** The recipients of {@code recipients} that {@code trusted} does not name, each once, in file order. */
    static List<String> notNamed(RecipientPlan recipients, java.util.Collection<String> trusted) {
        return recipients.groups().stream().flatMap(List::stream).filter(r -> !trusted.contains(r)).distinct()
                .toList();
    }
}
