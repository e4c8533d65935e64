package dev.secrets.app;

import dev.secrets.config.ConfigException;
import dev.secrets.config.ConfigLoader;
import dev.secrets.config.CreationRule;
import dev.secrets.config.SopsConfig;
import dev.secrets.io.Environment;
import dev.secrets.sops.ClearValues;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-commit guard's check for values stored in clear where a rule says they must be encrypted: the file's
 * own rule (its metadata) and the {@code .sops.yaml} creation rule for its path, each applied as encryption
 * applies it ({@link ClearValues}). Paths are named, values never. Works on the stored text alone, so it needs
 * no identity.
 */
final class ClearValueCheck {
    private ClearValueCheck() {
    }

    /**
     * The problems found.
     *
     * @param problems one line per kind of finding, with its fix
     * @param unreadable whether the file's own rule is broken (the file cannot be decrypted, by sops either)
     */
    record Result(List<String> problems, boolean unreadable) {
    }

    /**
     * Checks {@code document}, the staged file {@code path} (relative to the work tree {@code top}) read with
     * {@code store}; {@code notes} gets checks that could not be made (a {@code .sops.yaml} that does not load).
     */
    static Result check(String path, SopsDocument document, SopsStore store, Path top, Environment env,
            List<String> notes) {
        CryptRule fileRule = document.metadata().cryptRule();
        Optional<Rule> creation = creationRule(top.resolve(path), top, env, path, notes);
        CryptRule other = creation.map(Rule::rule).filter(r -> !r.equals(fileRule)).orElse(null);
        boolean flat = store.name().equals("dotenv");
        List<ClearValues.Finding> found = ClearValues.find(document.tree(), fileRule, other, flat);
        List<String> problems = new ArrayList<>();
        List<ClearValues.Finding> byFile = found.stream().filter(ClearValues.Finding::byFileRule).toList();
        List<ClearValues.Finding> byCreation = found.stream().filter(f -> !f.byFileRule()).toList();
        if (!byFile.isEmpty()) {
            problems.add("[" + path + "] " + what(byFile, flat) + " not encrypted although the file's rule ("
                    + fileRule.kind().metadataName() + ") says " + (byFile.size() == 1 ? "it" : "they") + " must be, "
                    + "so neither secrets nor sops can open it: restore the encrypted text with 'git checkout HEAD -- "
                    + path + "' (a new file: encrypt it again from its source), then change values only with "
                    + "'secrets set " + path + " " + example(byFile, flat) + " --stdin' or 'secrets edit " + path
                    + "'; rotate what was in clear if it was ever shared");
        }
        if (!byCreation.isEmpty()) {
            problems.add("[" + path + "] " + what(byCreation, flat) + " in clear: the file's rule ("
                    + fileRule.kind().metadataName() + " " + fileRule.value() + ") leaves "
                    + (byCreation.size() == 1 ? "it" : "them") + " so, but " + creation.get().name() + " ("
                    + other.kind().metadataName() + " " + other.value() + ") says "
                    + (byCreation.size() == 1 ? "it" : "they") + " must be encrypted: re-encrypt the file under that "
                    + "rule with 'secrets decrypt " + path + " | secrets encrypt -" + inputType(path, store)
                    + " --filename-override " + path + " -o " + path + "', then rotate what was in clear if it "
                    + "was ever pushed");
        }
        return new Result(problems, !byFile.isEmpty());
    }

    private record Rule(CryptRule rule, String name) {
    }

    /** The crypt rule of the creation rule matching {@code file}, or empty (no config, no matching rule). */
    private static Optional<Rule> creationRule(Path file, Path top, Environment env, String path,
            List<String> notes) {
        Optional<Path> located = ConfigLoader.locate(file, null, env);
        if (located.isEmpty()) {
            return Optional.empty();
        }
        try {
            SopsConfig config = ConfigLoader.load(located.get());
            if (config.rules().isEmpty()) {
                return Optional.empty();
            }
            CreationRule rule = config.ruleFor(file);
            Map<String, String> selectors = rule.cryptRules();
            CryptRule crypt = CryptRule.DEFAULT;
            if (selectors.size() > 1) {
                notes.add("[" + path + "] values not checked against " + located.get() + ": its creation rule "
                        + (rule.index() + 1) + " sets more than one of " + selectors.keySet());
                return Optional.empty();
            }
            for (Map.Entry<String, String> e : selectors.entrySet()) {
                crypt = new CryptRule(CryptRule.Kind.byMetadataName(e.getKey()), e.getValue()).validated();
            }
            Path shown = located.get().startsWith(top) ? top.relativize(located.get()) : located.get();
            return Optional.of(new Rule(crypt, "creation rule " + (rule.index() + 1) + " of " + shown));
        } catch (ConfigException.NoMatchingRule e) {
            return Optional.empty();
        } catch (ConfigException | IllegalArgumentException e) {
            notes.add("[" + path + "] values not checked against " + located.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** "value of [A] is" / "values of [A], [B] and a comment in [C] are". */
    private static String what(List<ClearValues.Finding> found, boolean flat) {
        List<String> names = new ArrayList<>();
        for (ClearValues.Finding f : found) {
            String where = flat && !f.where().isEmpty() ? "[" + f.where() + "]" : f.where();
            names.add(f.comment() ? where.isEmpty() ? "a comment at the top level" : "a comment in " + where : where);
        }
        boolean comments = found.stream().allMatch(ClearValues.Finding::comment);
        String noun = comments ? "" : found.size() == 1 ? "value of " : "values of ";
        return noun + String.join(", ", names) + (found.size() == 1 ? " is" : " are");
    }

    /** A path to show in the {@code set} recipe (the first value; a comment's container). */
    private static String example(List<ClearValues.Finding> found, boolean flat) {
        String where = found.stream().filter(f -> !f.comment()).map(ClearValues.Finding::where).findFirst()
                .orElse(flat ? "KEY" : "'[\"key\"]'");
        return flat || where.startsWith("'") ? where : "'" + where + "'";
    }

    /** {@code --input-type} for the recipe when the file's name does not tell {@code encrypt} its format. */
    private static String inputType(String path, SopsStore store) {
        return store.name().equals(SopsStores.byName(path)) ? "" : " --input-type " + store.name();
    }
}
