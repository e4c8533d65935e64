package dev.secrets.sops;

import dev.secrets.keys.WrappedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A SOPS file's metadata.
 *
 * @param keyGroups the key groups; one group holds copies of the whole data key, two or more hold Shamir shares
 * @param shamirThreshold shares needed with two or more groups (0 when not set)
 * @param lastModified the {@code lastmodified} time exactly as stored (the MAC is bound to it)
 * @param mac the encrypted MAC ({@code ENC[...]}), or empty when missing
 * @param macOnlyEncrypted whether only encrypted values are hashed
 * @param cryptRule which values are encrypted
 * @param version the sops version recorded in the file
 * @param otherEntries metadata this tool does not interpret (other key types such as pgp or kms), by flattened
 *     name without the {@code sops_} prefix; kept verbatim so a rewrite under the same data key keeps them
 */
public record Metadata(List<List<WrappedKey>> keyGroups, int shamirThreshold, String lastModified, String mac,
        boolean macOnlyEncrypted, CryptRule cryptRule, String version, Map<String, String> otherEntries) {
    /** The sops release whose format this tool writes. */
    public static final String FORMAT_VERSION = "3.13.2";

    /** Copies the collections. */
    public Metadata {
        List<List<WrappedKey>> groups = new ArrayList<>();
        keyGroups.forEach(g -> groups.add(List.copyOf(g)));
        keyGroups = List.copyOf(groups);
        otherEntries = new TreeMap<>(otherEntries);
    }

    /** Metadata for a new file: no MAC yet, the current format version. */
    public static Metadata fresh(List<List<WrappedKey>> keyGroups, int shamirThreshold, boolean macOnlyEncrypted,
            CryptRule cryptRule) {
        return new Metadata(keyGroups, shamirThreshold, "", "", macOnlyEncrypted, cryptRule, FORMAT_VERSION, Map.of());
    }

    /** Every wrapped key of every group, in order. */
    public List<WrappedKey> allKeys() {
        List<WrappedKey> all = new ArrayList<>();
        keyGroups.forEach(all::addAll);
        return all;
    }

    /** The recipients of every group, for messages. */
    public List<String> recipients() {
        return allKeys().stream().map(WrappedKey::recipient).toList();
    }

    /** A copy with a new MAC and time. */
    public Metadata withMac(String newLastModified, String newMac) {
        return new Metadata(keyGroups, shamirThreshold, newLastModified, newMac, macOnlyEncrypted, cryptRule, version,
                otherEntries);
    }

    /** A copy with other key groups (same data key or a new one, re-wrapped by the caller). */
    public Metadata withKeyGroups(List<List<WrappedKey>> groups, int threshold) {
        return new Metadata(groups, threshold, lastModified, mac, macOnlyEncrypted, cryptRule, version, otherEntries);
    }

    /** True when the file holds master keys of types this tool cannot wrap for (pgp, kms, ...). */
    public boolean hasForeignKeys() {
        return otherEntries.keySet().stream().anyMatch(k -> FOREIGN_KEY.matcher(k).find());
    }

    /** The master-key types this tool cannot wrap for that the file holds, sorted ({@code kms}, {@code pgp}, ...). */
    public java.util.SortedSet<String> foreignKeyTypes() {
        java.util.SortedSet<String> types = new java.util.TreeSet<>();
        for (String key : otherEntries.keySet()) {
            java.util.regex.Matcher m = FOREIGN_KEY.matcher(key);
            if (m.find()) {
                types.add(m.group(2));
            }
        }
        return types;
    }

    /** The master keys of types this tool cannot wrap for, in group, type and list order. */
    public List<ForeignKey> foreignKeys() {
        return ForeignKey.parse(otherEntries);
    }

    /** The foreign master keys of key group {@code group} (0-based; the flat layout is group 0). */
    public List<ForeignKey> foreignKeys(int group) {
        return foreignKeys().stream().filter(k -> k.group() == group).toList();
    }

    /**
     * A copy without {@code removed}: their entries go, and the keys after them in the same list move up, as a
     * list without them would be written. Every other entry stays exactly as stored.
     */
    public Metadata withoutForeignKeys(java.util.Collection<ForeignKey> removed) {
        Map<String, String> kept = new TreeMap<>(otherEntries);
        List<ForeignKey> all = foreignKeys();
        for (ForeignKey key : all) {
            kept.keySet().removeIf(name -> name.startsWith(key.prefix()));
        }
        for (ForeignKey key : all) {
            if (removed.contains(key)) {
                continue;
            }
            long before = removed.stream().filter(r -> r.group() == key.group() && r.grouped() == key.grouped()
                    && r.type().equals(key.type()) && r.index() < key.index()).count();
            String prefix = key.prefix((int) (key.index() - before));
            key.fields().forEach((field, value) -> kept.put(prefix + field, value));
        }
        return new Metadata(keyGroups, shamirThreshold, lastModified, mac, macOnlyEncrypted, cryptRule, version, kept);
    }

    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "^(key_groups__list_\\d+__map_)?(pgp|kms|gcp_kms|azure_kv|hc_vault|hckms)__list_");
}
