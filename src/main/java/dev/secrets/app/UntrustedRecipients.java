package dev.secrets.app;

import dev.secrets.audit.Finding;
import dev.secrets.audit.Git;
import dev.secrets.config.ConfigException;
import dev.secrets.config.CreationRule;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code doctor}'s side of {@link TrustedRecipients}: recipients are not covered by the MAC, so a recipient that
 * someone wrote into a file would receive the next data key. A recipient is trusted when the file's
 * {@code .sops.yaml} creation rule names it, or when the version of the file committed at {@code HEAD} (the
 * previous trusted state) already had it; any other is flagged {@code encrypted.untrusted-recipient}. A file
 * with neither a rule nor a committed version has nothing to compare with and is not flagged here.
 */
final class UntrustedRecipients {
    private UntrustedRecipients() {
    }

    /** The finding for {@code file} (its repository-relative {@code name}), or none. */
    static List<Finding> check(Path file, String name, Environment env, Git git, RecipientDirectory directory)
            throws FileAccessException {
        RecipientPlan now;
        try {
            now = RecipientPlan.ofFile(SecretsFiles.read(FileIo.read(file), name).metadata());
        } catch (SopsException | DotenvSyntaxException e) {
            return List.of(); // reported as encrypted.parse
        }
        Optional<Set<String>> trusted = trusted(file, name, env, git);
        if (trusted.isEmpty()) {
            return List.of();
        }
        List<String> unknown = TrustedRecipients.notNamed(now, trusted.get());
        if (unknown.isEmpty()) {
            return List.of();
        }
        Map<String, String> names = directory.namesFor(file);
        List<String> shown = unknown.stream().map(r -> names.containsKey(r) ? r + " (" + names.get(r) + ")" : r)
                .toList();
        return List.of(Finding.fail("encrypted.untrusted-recipient", name, "recipient(s) " + shown + " are named by"
                + " neither its .sops.yaml creation rule nor the version committed at HEAD, and would receive the"
                + " next data key (recipients are not covered by the MAC): find out who added them, then 'secrets"
                + " updatekeys " + name + "' to remove them, or add them to .sops.yaml"));
    }

    /** The rule's recipients and those of the committed version; empty when neither exists. */
    private static Optional<Set<String>> trusted(Path file, String name, Environment env, Git git) {
        Set<String> trusted = new LinkedHashSet<>();
        boolean known = false;
        try {
            Optional<CreationRule> rule = CreationRules.find(file, null, env, new ArrayList<>());
            if (rule.isPresent()) {
                trusted.addAll(TrustedRecipients.ruleRecipients(rule.get()));
                known = true;
            }
        } catch (ConfigException e) {
            // reported as encrypted.config or encrypted.no-rule
        }
        Optional<RecipientPlan> committed = committed(name, git);
        if (committed.isPresent()) {
            committed.get().groups().forEach(trusted::addAll);
            known = true;
        }
        return known ? Optional.of(trusted) : Optional.empty();
    }

    private static Optional<RecipientPlan> committed(String name, Git git) {
        byte[] text;
        try {
            text = git.run("show", "HEAD:" + name);
        } catch (IOException notCommitted) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecipientPlan.ofFile(SecretsFiles.read(text, name).metadata()));
        } catch (SopsException | DotenvSyntaxException e) {
            return Optional.empty();
        }
    }
}
