package dev.secrets.config;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A loaded {@code .sops.yaml}: where it is and its creation rules in order.
 *
 * @param file the config file
 * @param rules the creation rules, first match wins
 */
public record SopsConfig(Path file, List<CreationRule> rules) {
    /** Copies the rules. */
    public SopsConfig {
        rules = List.copyOf(rules);
    }

    /**
     * The first rule matching {@code target}: its path relative to the config's folder when it is inside it,
     * else its absolute path, searched (unanchored) with each {@code path_regex}.
     *
     * @throws ConfigException.NoMatchingRule naming the file and the config
     */
    public CreationRule ruleFor(Path target) throws ConfigException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = file.toAbsolutePath().normalize().getParent();
        String candidate = absolute.startsWith(folder) ? folder.relativize(absolute).toString() : absolute.toString();
        for (CreationRule rule : rules) {
            if (rule.pathRegex().isEmpty() || matches(rule, candidate)) {
                return rule;
            }
        }
        throw new ConfigException.NoMatchingRule("no creation rule in [" + file + "] matches [" + candidate + "]");
    }

    private boolean matches(CreationRule rule, String candidate) throws ConfigException {
        try {
            return Pattern.compile(rule.pathRegex()).matcher(candidate).find();
        } catch (PatternSyntaxException e) {
            throw new ConfigException.Invalid("[" + file + "] creation rule " + (rule.index() + 1)
                    + ": path_regex is not a valid regular expression: " + e.getDescription(), e);
        }
    }
}
