package dev.secrets.app;

import dev.secrets.config.ConfigException;
import dev.secrets.config.ConfigLoader;
import dev.secrets.config.CreationRule;
import dev.secrets.config.SopsConfig;
import dev.secrets.io.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the {@code .sops.yaml} creation rule that applies to a file, the same way for every use case
 * ({@code encrypt} may do without one; {@code updatekeys} requires one).
 */
final class CreationRules {
    private CreationRules() {
    }

    /**
     * The rule for {@code target}, or empty when no config is found or it has no rules.
     *
     * @throws ConfigException.NoMatchingRule when the config has rules but none matches
     */
    static Optional<CreationRule> find(Path target, Path explicitConfig, Environment env, List<String> notes)
            throws ConfigException {
        Optional<Path> configPath = ConfigLoader.locate(target, explicitConfig, env);
        if (configPath.isEmpty()) {
            notes.add("no .sops.yaml found from " + env.resolve(target).getParent());
            return Optional.empty();
        }
        SopsConfig config = ConfigLoader.load(configPath.get());
        notes.add("using config " + configPath.get());
        if (config.rules().isEmpty()) {
            return Optional.empty();
        }
        CreationRule rule = config.ruleFor(env.resolve(target));
        notes.add("creation rule " + (rule.index() + 1) + " matched");
        return Optional.of(rule);
    }

    /**
     * The rule for {@code target}; a config and a matching rule are required.
     *
     * @throws ConfigException.NotFound when no config is found (or {@code explicitConfig} does not exist)
     * @throws ConfigException.NoMatchingRule when the config has no rule matching {@code target}
     */
    static CreationRule require(Path target, Path explicitConfig, Environment env, List<String> notes)
            throws ConfigException {
        Optional<Path> configPath = ConfigLoader.locate(target, explicitConfig, env);
        if (configPath.isEmpty()) {
            throw new ConfigException.NotFound("no " + ConfigLoader.FILE_NAME + " found for [" + target
                    + "]: looked in [" + env.resolve(target).getParent() + "] and every folder above it; "
                    + "SOPS_CONFIG is not set");
        }
        if (!Files.isRegularFile(configPath.get())) {
            throw new ConfigException.NotFound("config [" + configPath.get() + "] does not exist");
        }
        Optional<CreationRule> rule = find(target, explicitConfig, env, notes);
        if (rule.isEmpty()) {
            throw new ConfigException.NoMatchingRule("[" + configPath.get() + "] has no creation_rules");
        }
        return rule.get();
    }
}
