package dev.secrets.app;

import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.ForeignKey;
import dev.secrets.sops.Metadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code updatekeys} on a file that holds master keys secrets cannot wrap for (pgp, kms, gcp_kms, azure_kv,
 * hc_vault, hckms), or whose rule names some. Those keys' {@code enc} stays valid exactly as long as the data key
 * and each group's Shamir share stay the same, so the only changes made are the ones that keep both: age
 * recipients added (wrapped with the data key, or with their group's share) or removed, and foreign keys removed.
 * A foreign key the rule adds, a new data key while foreign keys stay, and new key groups or a new threshold while
 * they stay (each would need new shares for every group) are refused, naming the keys. Kept entries, age and
 * foreign, are written back byte for byte in their groups.
 */
final class ForeignKeyUpdate {
    private ForeignKeyUpdate() {
    }

    /** True when this file or rule involves foreign keys, so the plain re-wrap must not be used. */
    static boolean applies(RecipientPlan current, RecipientPlan wanted) {
        return current.hasForeign() || wanted.hasForeign();
    }

    /**
     * Checks what can be checked before the file is opened, and says whether a new data key is made.
     *
     * @throws UsageException UNSUPPORTED for a foreign key the rule adds, a new data key or new groups or threshold
     *     while foreign keys stay
     */
    static boolean rotatesDataKey(RecipientPlan current, RecipientPlan wanted, KeyChange change, boolean keepDataKey,
            String source) throws UsageException {
        for (KeyChange.GroupChange group : change.groups()) {
            List<String> foreign = foreignOf(wanted, group.index()).stream().filter(group.added()::contains).toList();
            if (!foreign.isEmpty()) {
                throw new UsageException(UsageException.Kind.UNSUPPORTED, "[" + source + "] the creation rule adds "
                        + String.join(", ", foreign) + (change.groups().size() > 1 ? " to key group "
                        + (group.index() + 1) : "") + ", which secrets cannot wrap a data key for: run sops "
                        + "updatekeys for that change");
            }
        }
        List<String> kept = wanted.foreign().stream().flatMap(List::stream).toList();
        if (kept.isEmpty()) {
            // Every foreign key goes: the file becomes age-only and is handled as any other.
            return change.removesRecipients() && !keepDataKey;
        }
        String keptNames = String.join(", ", kept);
        if (change.removesRecipients() && !keepDataKey) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "[" + source + "] removing "
                    + String.join(", ", change.groups().stream().flatMap(g -> g.removed().stream()).distinct().toList())
                    + " needs a new data key (the removed holder may have kept the old one), and the kept "
                    + keptNames + " cannot receive one from secrets: pass --keep-data-key to only drop the entry, or"
                    + " rotate the data key with sops");
        }
        if (current.groups().size() != wanted.groups().size()
                || current.effectiveThreshold() != wanted.effectiveThreshold()) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "[" + source + "] the creation rule changes "
                    + "the key groups from " + current.groups().size() + " to " + wanted.groups().size()
                    + " (threshold " + current.effectiveThreshold() + " to " + wanted.effectiveThreshold()
                    + "), which needs new shares for every group, and the kept " + keptNames
                    + " cannot receive one from secrets: make that change with sops");
        }
        return false;
    }

    private static List<String> foreignOf(RecipientPlan plan, int group) {
        return group < plan.foreign().size() ? plan.foreign().get(group) : List.of();
    }

    /**
     * The file with {@code wanted}'s keys under the same data key: kept entries verbatim, new age recipients
     * wrapped with the data key (one group) or their group's share, foreign keys the rule no longer names
     * removed; values, {@code lastmodified} and MAC unchanged.
     *
     * @throws KeyException when a group that gains a recipient cannot be opened with the identities at hand
     * @throws UsageException UNSUPPORTED when such a group holds only foreign keys
     */
    static byte[] rewrapped(OpenedFile opened, RecipientPlan wanted, Keyring keyring, String source)
            throws KeyException, UsageException {
        Metadata metadata = opened.stored().metadata();
        List<ForeignKey> gone = metadata.foreignKeys().stream()
                .filter(k -> !foreignOf(wanted, k.group()).contains(k.label())).toList();
        Metadata base = metadata.withoutForeignKeys(gone);
        if (!wanted.hasForeign()) {
            List<List<WrappedKey>> groups = DataKeys.wrap(opened.dataKey(), wanted.groups(), wanted.threshold(),
                    keyring.wrapper());
            return SecretsFiles.write(opened, opened.stored().tree(), base.withKeyGroups(groups,
                    wanted.storedThreshold()));
        }
        List<List<WrappedKey>> groups = new ArrayList<>();
        for (int g = 0; g < wanted.groups().size(); g++) {
            List<WrappedKey> old = metadata.keyGroups().get(g);
            List<WrappedKey> group = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (String recipient : wanted.groups().get(g)) {
                WrappedKey existing = old.stream().filter(k -> k.recipient().equals(recipient)).findFirst().orElse(null);
                if (existing != null) {
                    group.add(existing);
                } else {
                    added.add(recipient);
                }
            }
            if (!added.isEmpty()) {
                SecretBytes part = wanted.groups().size() == 1 ? SecretBytes.adopt(opened.dataKey().copy()) : share(old, metadata, g,
                        added, keyring, source);
                try {
                    for (String recipient : added) {
                        group.add(keyring.wrapper().wrap(recipient, part));
                    }
                } finally {
                    part.destroy();
                }
            }
            groups.add(group);
        }
        return SecretsFiles.write(opened, opened.stored().tree(), base.withKeyGroups(groups,
                metadata.shamirThreshold()));
    }

    /** Group {@code g}'s Shamir share, unwrapped from one of its age entries. */
    private static SecretBytes share(List<WrappedKey> group, Metadata metadata, int g, List<String> added,
            Keyring keyring, String source) throws KeyException, UsageException {
        String adding = "adding " + String.join(", ", added) + " to key group " + (g + 1) + " of [" + source + "]";
        if (group.isEmpty()) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, adding + " needs that group's share of the "
                    + "data key, and the group has only " + String.join(", ", metadata.foreignKeys(g).stream()
                            .map(ForeignKey::label).toList()) + ", which secrets cannot open: add it with sops");
        }
        try {
            return keyring.identities().unwrap(group);
        } catch (KeyException.NoIdentityMatched e) {
            throw new KeyException.NoIdentityMatched(adding + " needs that group's share of the data key, and no "
                    + "identity here opens the group (" + String.join(", ", group.stream().map(WrappedKey::recipient)
                            .toList()) + ")", "run it with an identity of key group " + (g + 1) + " (--identity)");
        }
    }
}
