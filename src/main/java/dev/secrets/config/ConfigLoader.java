package dev.secrets.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.secrets.io.BoundedFiles;
import dev.secrets.io.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds and reads {@code .sops.yaml}. Unlike sops, which searches from the working directory, the search
 * starts in the target file's folder and walks up (the file's own project config is the one that applies).
 */
public final class ConfigLoader {
    /** The config file name. */
    public static final String FILE_NAME = ".sops.yaml";
    private static final List<String> CRYPT_RULES = List.of("unencrypted_suffix", "encrypted_suffix",
            "unencrypted_regex", "encrypted_regex", "unencrypted_comment_regex", "encrypted_comment_regex");

    private ConfigLoader() {
    }

    /**
     * The config that applies to {@code target}: {@code explicit} if given, else {@code SOPS_CONFIG}, else the
     * first {@code .sops.yaml} in the target's folder or above it (at most 100 levels).
     */
    public static Optional<Path> locate(Path target, Path explicit, Environment env) {
        if (explicit != null) {
            return Optional.of(env.resolve(explicit));
        }
        Optional<String> fromEnv = env.get("SOPS_CONFIG");
        if (fromEnv.isPresent()) {
            return Optional.of(env.resolve(Path.of(fromEnv.get())));
        }
        Path folder = env.resolve(target).getParent();
        for (int level = 0; folder != null && level < 100; level++, folder = folder.getParent()) {
            Path candidate = folder.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a config file.
     *
     * @throws ConfigException.Invalid for a missing, unreadable or malformed file, naming the line where known
     */
    public static SopsConfig load(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(file, BoundedFiles.MAX_SMALL_FILE);
        } catch (IOException e) {
            throw new ConfigException.Invalid("cannot read config [" + file + "]: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException.Invalid("[" + file + "]" + (at != null ? " line " + at.getLineNr() : "")
                    + ": not valid YAML", e);
        } catch (IOException e) {
            throw new ConfigException.Invalid("cannot read config [" + file + "]", e);
        }
        if (root != null && !root.isMissingNode() && !root.isNull() && !root.isObject()) {
            throw invalid(file, "must be a mapping (creation_rules: ...) at the top level");
        }
        List<CreationRule> rules = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("creation_rules");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw invalid(file, "creation_rules must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                rules.add(parseRule(file, i, list.get(i)));
            }
        }
        return new SopsConfig(file, rules);
    }

    private static CreationRule parseRule(Path file, int index, JsonNode node) throws ConfigException {
        String where = "creation rule " + (index + 1);
        if (!node.isObject()) {
            throw invalid(file, where + " must be a mapping");
        }
        Map<String, String> crypt = new LinkedHashMap<>();
        for (String name : CRYPT_RULES) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.asText().isEmpty()) {
                crypt.put(name, value.asText());
            }
        }
        if (crypt.size() > 1) {
            throw invalid(file, where + " sets more than one of " + String.join(", ", crypt.keySet()));
        }
        for (Map.Entry<String, String> selector : crypt.entrySet()) {
            if (selector.getKey().endsWith("_regex")) {
                try {
                    Pattern.compile(selector.getValue());
                } catch (PatternSyntaxException e) {
                    throw invalid(file, where + ": " + selector.getKey() + " is not a valid regular expression: "
                            + e.getDescription());
                }
            }
        }
        List<List<String>> groups = new ArrayList<>();
        List<List<String>> foreign = new ArrayList<>();
        String at = "[" + file + "] " + where;
        JsonNode keyGroups = node.get("key_groups");
        if (keyGroups != null && keyGroups.isArray() && keyGroups.size() > 0) {
            for (JsonNode group : keyGroups) {
                List<String> recipients = new ArrayList<>(recipients(file, where, group.get("age")));
                List<String> others = new ArrayList<>(ForeignRuleKeys.ofGroup(group, at));
                JsonNode merge = group.get("merge");
                if (merge != null && merge.isArray()) {
                    for (JsonNode nested : merge) {
                        recipients.addAll(recipients(file, where, nested.get("age")));
                        others.addAll(ForeignRuleKeys.ofGroup(nested, at));
                    }
                }
                groups.add(recipients.stream().distinct().toList());
                foreign.add(others.stream().distinct().toList());
            }
        } else {
            List<String> recipients = recipients(file, where, node.get("age"));
            List<String> others = ForeignRuleKeys.ofRule(node, at);
            if (!recipients.isEmpty() || !others.isEmpty()) {
                groups.add(recipients);
                foreign.add(others);
            }
        }
        JsonNode threshold = node.get("shamir_threshold");
        int thresholdValue = 0;
        if (threshold != null && !threshold.isNull()) {
            if (!threshold.asText().matches("\\d{1,3}")) {
                throw invalid(file, where + ": shamir_threshold must be a whole number");
            }
            thresholdValue = Integer.parseInt(threshold.asText());
            if (groups.size() > 1 && (thresholdValue < 2 || thresholdValue > groups.size())) {
                throw invalid(file, where + ": shamir_threshold " + thresholdValue + " must be between 2 and the number "
                        + "of key groups (" + groups.size() + ")");
            }
        }
        JsonNode macOnly = node.get("mac_only_encrypted");
        JsonNode pathRegex = node.get("path_regex");
        if (pathRegex != null && !pathRegex.isNull() && !pathRegex.isTextual()) {
            throw invalid(file, where + ": path_regex must be a string (quote it)");
        }
        return new CreationRule(index, pathRegex == null || pathRegex.isNull() ? "" : pathRegex.asText(), groups,
                thresholdValue, crypt, macOnly != null && macOnly.asBoolean(), foreign);
    }

    private static List<String> recipients(Path file, String where, JsonNode age) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (age == null || age.isNull()) {
            return out;
        }
        if (age.isTextual()) {
            split(age.asText(), out);
        } else if (age.isArray()) {
            for (Iterator<JsonNode> it = age.elements(); it.hasNext();) {
                JsonNode item = it.next();
                if (!item.isTextual()) {
                    throw invalid(file, where + ": age entries must be strings");
                }
                split(item.asText(), out);
            }
        } else {
            throw invalid(file, where + ": age must be a string or a list of strings");
        }
        return out;
    }

    private static void split(String text, List<String> out) {
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
    }

    private static ConfigException invalid(Path file, String message) {
        return new ConfigException.Invalid("[" + file + "] " + message, null);
    }
}
