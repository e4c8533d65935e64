package dev.secrets.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One master key of a type this tool cannot wrap for (pgp, kms, gcp_kms, azure_kv, hc_vault, hckms), as found in
 * a file's kept metadata entries: where it sits and how sops names it. Its {@code enc} is never read here.
 *
 * @param group the key group it belongs to (0 for the flat layout)
 * @param grouped true when it sits inside {@code key_groups}, false for the flat layout
 * @param type the metadata type name ({@code pgp}, {@code kms}, ...)
 * @param index its position in that type's list
 * @param identifier what sops's {@code ToString} prints for it (a fingerprint, an ARN, a URL), public
 * @param fields its flattened fields, by name relative to the entry ({@code fp}, {@code enc}, {@code context__map_k})
 */
public record ForeignKey(int group, boolean grouped, String type, int index, String identifier,
        Map<String, String> fields) {
    private static final Pattern ENTRY = Pattern.compile(
            "^(?:key_groups__list_(\\d+)__map_)?(pgp|kms|gcp_kms|azure_kv|hc_vault|hckms)__list_(\\d+)__map_(.+)$");

    /** Copies the map. */
    public ForeignKey {
        fields = new TreeMap<>(fields);
    }

    /** The key as a person reads it: {@code pgp FBC7...}. */
    public String label() {
        return type + " " + identifier;
    }

    /** The flattened name prefix of this key's fields. */
    public String prefix() {
        return prefix(index);
    }

    /** The flattened name prefix this key would have at list position {@code at}. */
    String prefix(int at) {
        return (grouped ? "key_groups__list_" + group + "__map_" : "") + type + "__list_" + at + "__map_";
    }

    /** Every foreign key in {@code entries} (flattened names without {@code sops_}), in group, type, index order. */
    public static List<ForeignKey> parse(Map<String, String> entries) {
        Map<String, Map<String, String>> byPrefix = new TreeMap<>();
        Map<String, Matcher> matchers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            Matcher m = ENTRY.matcher(e.getKey());
            if (m.matches()) {
                String prefix = e.getKey().substring(0, e.getKey().length() - m.group(4).length());
                byPrefix.computeIfAbsent(prefix, p -> new TreeMap<>()).put(m.group(4), e.getValue());
                matchers.putIfAbsent(prefix, m);
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : byPrefix.entrySet()) {
            Matcher m = matchers.get(e.getKey());
            String type = m.group(2);
            keys.add(new ForeignKey(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)), m.group(1) != null, type,
                    Integer.parseInt(m.group(3)), identifier(type, e.getValue()), e.getValue()));
        }
        keys.sort((a, b) -> a.group != b.group ? Integer.compare(a.group, b.group)
                : !a.type.equals(b.type) ? a.type.compareTo(b.type) : Integer.compare(a.index, b.index));
        return keys;
    }

    /** What sops's {@code MasterKey.ToString} prints for a key of {@code type} with these fields. */
    static String identifier(String type, Map<String, String> f) {
        switch (type) {
            case "pgp":
                return f.getOrDefault("fp", "");
            case "kms":
                return kms(f);
            case "gcp_kms":
                return f.getOrDefault("resource_id", "");
            case "azure_kv":
                return f.getOrDefault("vault_url", "") + "/keys/" + f.getOrDefault("name", "") + "/"
                        + f.getOrDefault("version", "");
            case "hc_vault":
                return f.getOrDefault("vault_address", "") + "/v1/" + f.getOrDefault("engine_path", "") + "/keys/"
                        + f.getOrDefault("key_name", "");
            default:
                return f.getOrDefault("key_id", "");
        }
    }

    /** sops: {@code arn[+role][|k:v,...][|profile]}, the context sorted by key. */
    private static String kms(Map<String, String> f) {
        String arn = f.getOrDefault("arn", "");
        String role = f.getOrDefault("role", "");
        String out = role.isEmpty() ? arn : arn + "+" + role;
        List<String> context = new ArrayList<>();
        new TreeMap<>(f).forEach((k, v) -> {
            if (k.startsWith("context__map_")) {
                context.add(k.substring("context__map_".length()) + ":" + v);
            }
        });
        String joined = String.join(",", context);
        String profile = f.getOrDefault("aws_profile", "");
        if (!profile.isEmpty()) {
            return out + "|" + joined + "|" + profile;
        }
        return joined.isEmpty() ? out : out + "|" + joined;
    }
}
