package dev.secrets.sops.store;

import dev.secrets.keys.WrappedKey;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.ForeignKey;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flattens metadata into {@code sops_*} entries and back, as sops's dotenv store does: {@code __map_} and
 * {@code __list_} separators, every level sorted, empty lists omitted; on reading, order does not matter and
 * unknown entries are kept aside.
 */
public final class MetadataCodec {
    /** Prefix of every metadata key in a dotenv file. */
    public static final String PREFIX = "sops_";

    private MetadataCodec() {
    }

    /** The metadata as ordered {@code (key without prefix, value)} pairs. */
    public static List<Map.Entry<String, String>> flatten(Metadata metadata) {
        TreeMap<FlatKey, String> entries = new TreeMap<>();
        List<List<WrappedKey>> groups = metadata.keyGroups();
        // A group that also holds foreign keys (kept in otherEntries) must stay a key group, or the age keys
        // would leave the group they share with them.
        boolean sharedGroup = metadata.otherEntries().keySet().stream().anyMatch(k -> k.startsWith("key_groups__"));
        if (groups.size() == 1 && !sharedGroup) {
            putAge(entries, groups.get(0), "age");
        } else {
            for (int g = 0; g < groups.size(); g++) {
                putAge(entries, groups.get(g), "key_groups", g, "age");
            }
        }
        entries.put(FlatKey.of("lastmodified"), metadata.lastModified());
        entries.put(FlatKey.of("mac"), metadata.mac());
        if (metadata.macOnlyEncrypted()) {
            entries.put(FlatKey.of("mac_only_encrypted"), "true");
        }
        if (metadata.shamirThreshold() > 0 && groups.size() > 1) {
            entries.put(FlatKey.of("shamir_threshold"), Integer.toString(metadata.shamirThreshold()));
        }
        entries.put(FlatKey.of(metadata.cryptRule().kind().metadataName()), metadata.cryptRule().value());
        entries.put(FlatKey.of("version"), metadata.version());
        metadata.otherEntries().forEach((k, v) -> {
            FlatKey key = FlatKey.parse(k);
            entries.put(key != null ? key : new FlatKey(k, List.of(k)), v);
        });
        List<Map.Entry<String, String>> out = new ArrayList<>();
        entries.forEach((k, v) -> out.add(Map.entry(k.text(), v)));
        return out;
    }

    private static void putAge(TreeMap<FlatKey, String> entries, List<WrappedKey> group, Object... prefix) {
        for (int i = 0; i < group.size(); i++) {
            WrappedKey key = group.get(i);
            if (!"age".equals(key.type())) {
                throw new IllegalArgumentException("only age keys can be written, not " + key.type());
            }
            entries.put(FlatKey.of(append(prefix, i, "enc")), key.enc());
            entries.put(FlatKey.of(append(prefix, i, "recipient")), key.recipient());
        }
    }

    private static Object[] append(Object[] prefix, Object... more) {
        Object[] all = new Object[prefix.length + more.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(more, 0, all, prefix.length, more.length);
        return all;
    }

    /**
     * Rebuilds metadata from {@code sops_*} entries (prefix already removed), in any order.
     *
     * @throws SopsException.InvalidMetadata for duplicates, incomplete lists, a bad time, several crypt rules,
     *     or no keys at all
     */
    public static Metadata unflatten(Map<String, String> flat) throws SopsException {
        Map<String, String> other = new TreeMap<>();
        TreeMap<Integer, Map<String, String>> flatAge = new TreeMap<>();
        TreeMap<Integer, TreeMap<Integer, Map<String, String>>> groupAge = new TreeMap<>();
        CryptRule rule = null;
        String lastModified = null;
        String mac = "";
        String version = "";
        boolean macOnly = false;
        int threshold = 0;
        for (Map.Entry<String, String> e : flat.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            FlatKey key = FlatKey.parse(name);
            if (key == null) {
                throw new SopsException.InvalidMetadata("metadata key [sops_" + name + "] has a list index that is not a number");
            }
            List<Object> p = key.path();
            String top = ((String) p.get(0)).toLowerCase(java.util.Locale.ROOT);
            if (p.size() == 1) {
                CryptRule.Kind kind = CryptRule.Kind.byMetadataName(top);
                if (kind != null) {
                    if (value.isEmpty()) {
                        continue;
                    }
                    if (rule != null) {
                        throw new SopsException.InvalidMetadata("the file sets more than one crypt rule ("
                                + rule.kind().metadataName() + ", " + kind.metadataName() + ")");
                    }
                    rule = new CryptRule(kind, value);
                    continue;
                }
                switch (top) {
                    case "lastmodified": lastModified = value; continue;
                    case "mac": mac = value; continue;
                    case "version": version = value; continue;
                    case "mac_only_encrypted": macOnly = parseBool(value); continue;
                    case "shamir_threshold": threshold = parseInt(value, name); continue;
                    default: other.put(name, value); continue;
                }
            }
            if (top.equals("age") && p.size() == 3 && p.get(1) instanceof Integer i && p.get(2) instanceof String f) {
                putField(flatAge.computeIfAbsent(i, x -> new LinkedHashMap<>()), f, value, name);
            } else if (top.equals("key_groups") && p.size() == 5 && p.get(1) instanceof Integer g
                    && "age".equals(p.get(2)) && p.get(3) instanceof Integer i && p.get(4) instanceof String f) {
                putField(groupAge.computeIfAbsent(g, x -> new TreeMap<>()).computeIfAbsent(i, x -> new LinkedHashMap<>()),
                        f, value, name);
            } else {
                other.put(name, value);
            }
        }
        List<List<WrappedKey>> groups = new ArrayList<>();
        if (!flatAge.isEmpty()) {
            groups.add(ageList(flatAge, "sops_age"));
            other.keySet().removeIf(k -> k.startsWith("key_groups__"));
        } else {
            // A key group may hold no age key at all (only pgp, kms, ...): it still counts, as a group whose
            // share this tool cannot open, so the threshold and the group positions stay what sops reads.
            java.util.TreeSet<Integer> indices = new java.util.TreeSet<>(groupAge.keySet());
            boolean flatForeign = false;
            for (ForeignKey key : ForeignKey.parse(other)) {
                if (key.grouped()) {
                    indices.add(key.group());
                } else {
                    flatForeign = true;
                }
            }
            if (indices.isEmpty() && flatForeign) {
                groups.add(List.of());
            }
            checkComplete(indices, "sops_key_groups");
            for (int g : indices) {
                groups.add(groupAge.containsKey(g)
                        ? ageList(groupAge.get(g), "sops_key_groups__list_" + g + "__map_age") : List.of());
            }
        }
        if (version.isEmpty()) {
            throw new SopsException.InvalidMetadata("sops_version is missing: the file is incomplete or damaged");
        }
        if (!SopsVersion.isAccepted(version)) {
            throw new SopsException.InvalidMetadata("sops_version [" + version + "] is not a semantic version "
                    + "(MAJOR.MINOR.PATCH): sops refuses the file too");
        }
        if (lastModified == null) {
            throw new SopsException.InvalidMetadata("sops_lastmodified is missing: the file is incomplete");
        }
        if (groups.size() > 1 && threshold != 0 && (threshold < 2 || threshold > groups.size())) {
            throw new SopsException.InvalidMetadata("sops_shamir_threshold [" + threshold + "] must be between 2 and "
                    + "the number of key groups (" + groups.size() + ")");
        }
        Metadata metadata = new Metadata(groups, threshold, lastModified, mac, macOnly,
                rule == null ? CryptRule.DEFAULT : rule, version, other);
        if (groups.isEmpty() && !metadata.hasForeignKeys()) {
            throw new SopsException.InvalidMetadata("no keys found in the metadata: the file has no recipients");
        }
        return metadata;
    }

    private static List<WrappedKey> ageList(TreeMap<Integer, Map<String, String>> entries, String where)
            throws SopsException {
        checkComplete(entries.keySet(), where);
        List<WrappedKey> keys = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> e : entries.entrySet()) {
            String recipient = e.getValue().get("recipient");
            String enc = e.getValue().get("enc");
            if (enc == null || enc.isBlank()) {
                throw new SopsException.InvalidMetadata(where + "__list_" + e.getKey()
                        + (enc == null ? " lacks its enc entry" : " has an empty enc"));
            }
            // sops never reads the recipient to decrypt (each identity is tried on the enc), so it accepts an
            // entry whose recipient is gone or empty; so do we, as an unknown recipient.
            keys.add(new WrappedKey("age", recipient == null ? "" : recipient.trim(), enc));
        }
        return keys;
    }

    private static void checkComplete(java.util.Set<Integer> indices, String where) throws SopsException {
        int expected = 0;
        for (int i : indices) {
            if (i != expected) {
                throw new SopsException.InvalidMetadata(where + " is an incomplete list: index " + expected + " is missing");
            }
            expected++;
        }
    }

    private static void putField(Map<String, String> entry, String field, String value, String name)
            throws SopsException {
        if (entry.put(field, value) != null) {
            throw new SopsException.InvalidMetadata("metadata key [sops_" + name + "] appears twice");
        }
    }

    private static boolean parseBool(String value) {
        return value.equalsIgnoreCase("true") || value.equals("1") || value.equals("t") || value.equals("T");
    }

    private static int parseInt(String value, String name) throws SopsException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SopsException.InvalidMetadata("sops_" + name + " [" + value + "] is not a number");
        }
    }
}
