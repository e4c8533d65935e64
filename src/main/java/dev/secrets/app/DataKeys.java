package dev.secrets.app;

import dev.secrets.keys.DataKeyWrapper;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.ShamirSharing;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Metadata;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Creating, wrapping and recovering a file's 32-byte data key, with one key group or Shamir shares. */
final class DataKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DataKeys() {
    }

    static SecretBytes generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SecretBytes.adopt(key);
    }

    /** Recovers the data key: from any key of a single group, or from enough groups' shares. */
    static SecretBytes recover(Metadata metadata, Keyring keyring) throws KeyException {
        List<List<WrappedKey>> groups = metadata.keyGroups();
        if (groups.isEmpty()) {
            throw new KeyException.NoIdentityMatched("the file has no age recipients (only key types secrets "
                    + "does not support)", "decrypt it with sops, or add an age recipient with sops updatekeys");
        }
        if (groups.size() == 1) {
            if (groups.get(0).isEmpty()) {
                throw new KeyException.NoIdentityMatched("the data key is held only by " + foreignTypes(metadata, 0)
                        + " keys, which secrets cannot use", FOREIGN_HINT);
            }
            return checkedLength(keyring.identities().unwrap(groups.get(0)));
        }
        int threshold = metadata.shamirThreshold() > 0 ? metadata.shamirThreshold() : groups.size();
        List<SecretBytes> shares = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        KeyException last = null;
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).isEmpty()) {
                missing.add("group " + (g + 1) + " has only " + foreignTypes(metadata, g) + " keys");
                continue;
            }
            try {
                shares.add(keyring.identities().unwrap(groups.get(g)));
            } catch (KeyException e) {
                // One damaged or foreign group must not stop the others from reaching the threshold.
                last = e;
                missing.add("no identity opens group " + (g + 1) + " (" + String.join(", ",
                        groups.get(g).stream().map(WrappedKey::recipient).toList()) + ")");
            }
        }
        try {
            if (shares.size() < threshold) {
                boolean foreign = missing.stream().anyMatch(m -> m.contains(" has only "));
                throw new KeyException.NoIdentityMatched("needs " + threshold + " of " + groups.size()
                        + " key groups, " + shares.size() + " opened; " + String.join("; ", missing),
                        foreign ? FOREIGN_HINT : last != null ? last.hint() : null);
            }
            try {
                return checkedLength(ShamirSharing.combine(shares));
            } catch (IllegalArgumentException e) {
                throw new KeyException.WrapFailed("the key group shares in the file do not fit together ("
                        + e.getMessage() + ")", "the metadata may be damaged", e);
            }
        } finally {
            shares.forEach(SecretBytes::destroy);
        }
    }

    private static final String FOREIGN_HINT = "secrets cannot use pgp, kms, gcp_kms, azure_kv or hc_vault keys:"
            + " decrypt it with sops, or have an age recipient added to that group";

    /** The foreign key types of group {@code g}, for messages: {@code pgp}, {@code kms and pgp}. */
    private static String foreignTypes(Metadata metadata, int g) {
        return String.join(" and ", new java.util.TreeSet<>(metadata.foreignKeys(g).stream()
                .map(dev.secrets.sops.ForeignKey::type).toList()));
    }

    private static SecretBytes checkedLength(SecretBytes key) throws KeyException {
        if (key.length() != 32) {
            key.destroy();
            throw new KeyException.WrapFailed("the data key in the file has the wrong length (not 32 bytes)",
                    "the metadata may be damaged", null);
        }
        return key;
    }

    /** Wraps {@code dataKey} for every recipient: whole for one group, as Shamir shares for several. */
    static List<List<WrappedKey>> wrap(SecretBytes dataKey, List<List<String>> recipientGroups, int threshold,
            DataKeyWrapper wrapper) throws KeyException {
        List<List<WrappedKey>> out = new ArrayList<>();
        if (recipientGroups.size() == 1) {
            out.add(wrapGroup(dataKey, recipientGroups.get(0), wrapper));
            return out;
        }
        SecretBytes[] shares = ShamirSharing.split(dataKey, recipientGroups.size(),
                threshold > 0 ? threshold : recipientGroups.size());
        try {
            for (int g = 0; g < recipientGroups.size(); g++) {
                out.add(wrapGroup(shares[g], recipientGroups.get(g), wrapper));
            }
            return out;
        } finally {
            for (SecretBytes share : shares) {
                share.destroy();
            }
        }
    }

    private static List<WrappedKey> wrapGroup(SecretBytes part, List<String> recipients, DataKeyWrapper wrapper)
            throws KeyException {
        List<WrappedKey> group = new ArrayList<>();
        for (String recipient : recipients) {
            group.add(wrapper.wrap(recipient, part));
        }
        return group;
    }
}
