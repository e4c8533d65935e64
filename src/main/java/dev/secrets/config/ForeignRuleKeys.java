package dev.secrets.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The master keys of other types (pgp, kms, gcp_kms, azure_keyvault, hc_vault, hckms) a creation rule or one of
 * its key groups names, each as {@code type identifier} with the identifier as sops's {@code ToString} prints it
 * and with the metadata's type name ({@code azure_kv}, {@code hc_vault}), so they compare with a file's keys.
 * secrets cannot wrap for them; it only needs to know them to keep a file's existing ones.
 */
final class ForeignRuleKeys {
    private ForeignRuleKeys() {
    }

    /** The keys of a rule's flat fields ({@code pgp: FP,FP}, {@code kms: ARN}, ...). */
    static List<String> ofRule(JsonNode rule, String where) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String fp : strings(rule.get("pgp"), where, "pgp")) {
            out.add("pgp " + fp.replace(" ", ""));
        }
        String profile = text(rule.get("aws_profile"));
        for (String arn : strings(rule.get("kms"), where, "kms")) {
            String clean = arn.replace(" ", "");
            int role = clean.indexOf("+arn:");
            out.add("kms " + kms(role > 0 ? clean.substring(0, role) : clean, role > 0 ? clean.substring(role + 1) : "",
                    Map.of(), profile));
        }
        for (String id : strings(rule.get("gcp_kms"), where, "gcp_kms")) {
            out.add("gcp_kms " + id.replace(" ", ""));
        }
        for (String url : strings(rule.get("azure_keyvault"), where, "azure_keyvault")) {
            out.add("azure_kv " + url);
        }
        for (String uri : strings(rule.get("hc_vault_transit_uri"), where, "hc_vault_transit_uri")) {
            out.add("hc_vault " + uri);
        }
        for (String id : strings(rule.get("hckms"), where, "hckms")) {
            out.add("hckms " + id);
        }
        return out.stream().distinct().toList();
    }

    /** The keys of one {@code key_groups} entry (its {@code merge} groups are added by the caller). */
    static List<String> ofGroup(JsonNode group, String where) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (String fp : strings(group.get("pgp"), where, "pgp")) {
            out.add("pgp " + fp);
        }
        for (JsonNode k : objects(group.get("kms"), where, "kms")) {
            Map<String, String> context = new TreeMap<>();
            JsonNode c = k.get("context");
            if (c != null && c.isObject()) {
                c.fields().forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
            }
            out.add("kms " + kms(text(k.get("arn")), text(k.get("role")), context, text(k.get("aws_profile"))));
        }
        for (JsonNode k : objects(group.get("gcp_kms"), where, "gcp_kms")) {
            out.add("gcp_kms " + text(k.get("resource_id")));
        }
        for (JsonNode k : objects(group.get("azure_keyvault"), where, "azure_keyvault")) {
            out.add("azure_kv " + text(k.get("vaultUrl")) + "/keys/" + text(k.get("key")) + "/" + text(k.get("version")));
        }
        for (String uri : strings(group.get("hc_vault"), where, "hc_vault")) {
            out.add("hc_vault " + uri);
        }
        for (JsonNode k : objects(group.get("hckms"), where, "hckms")) {
            out.add("hckms " + text(k.get("key_id")));
        }
        return out.stream().distinct().toList();
    }

    /** sops's kms {@code ToString}: {@code arn[+role][|k:v,...][|profile]}. */
    private static String kms(String arn, String role, Map<String, String> context, String profile) {
        String out = role.isEmpty() ? arn : arn + "+" + role;
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(context).forEach((k, v) -> pairs.add(k + ":" + v));
        String joined = String.join(",", pairs);
        if (!profile.isEmpty()) {
            return out + "|" + joined + "|" + profile;
        }
        return joined.isEmpty() ? out : out + "|" + joined;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }

    /** A comma-separated string or a list of strings, as sops's {@code parseKeyField}. */
    private static List<String> strings(JsonNode node, String where, String name) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                if (!part.trim().isEmpty()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (!node.isArray()) {
            throw new ConfigException.Invalid(where + ": " + name + " must be a string or a list of strings", null);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            JsonNode item = it.next();
            if (!item.isTextual()) {
                throw new ConfigException.Invalid(where + ": " + name + " entries must be strings", null);
            }
            out.add(item.asText().trim());
        }
        return out;
    }

    private static List<JsonNode> objects(JsonNode node, String where, String name) throws ConfigException {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new ConfigException.Invalid(where + ": " + name + " in a key group must be a list", null);
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new ConfigException.Invalid(where + ": " + name + " entries in a key group must be mappings",
                        null);
            }
            out.add(item);
        }
        return out;
    }
}
