package dev.secrets.sops;

import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Encrypts and decrypts a whole tree as sops does: walk order, path AAD ({@code KEY:}, {@code :} for root
 * comments), the crypt rule, encrypted comments, and the SHA-512 MAC encrypted under {@code lastmodified}.
 */
public final class TreeCipher {
    private TreeCipher() {
    }

    /** An encrypted tree and the metadata fields that go with it. */
    public record Encrypted(SopsTree tree, String lastModified, String mac) {
    }

    /** A decrypted tree, the IVs seen (to keep unchanged ciphertexts), and warnings for the user. */
    public record Decrypted(SopsTree tree, IvStash stash, List<String> warnings) {
    }

    /**
     * Encrypts {@code plain} with {@code dataKey}, reusing IVs from {@code stash} for unchanged values (pass an
     * empty stash for a new data key's fresh IVs only if the values are new).
     */
    public static Encrypted encrypt(SopsTree plain, CryptRule rule, boolean macOnlyEncrypted, SecretBytes dataKey,
            IvStash stash, Instant now) {
        ValueCipher cipher = new ValueCipher(dataKey);
        MacHasher mac = new MacHasher(macOnlyEncrypted);
        Map<String, Integer> occurrences = new HashMap<>();
        stash.beginPass();
        TreeWalk walk = new TreeWalk((leaf, path, comments, isComment) -> {
            boolean encrypted = rule.shouldEncrypt(path, comments, isComment);
            byte[] aad = aad(path);
            int occurrence = occurrences.merge(new String(aad, StandardCharsets.UTF_8), 1, Integer::sum);
            if (isComment) {
                TreeItem.Comment comment = (TreeItem.Comment) leaf;
                return encrypted ? new TreeItem.Comment(Scalar.of(Scalar.COMMENT,
                        seal(cipher, stash, comment.value(), aad, occurrence).getBytes(StandardCharsets.US_ASCII)),
                        comment.inline()) : comment;
            }
            Scalar value = (Scalar) leaf;
            mac.add(value, encrypted);
            return encrypted ? Scalar.str(seal(cipher, stash, value, aad, occurrence)) : value;
        });
        List<List<TreeItem>> out = new ArrayList<>();
        try {
            for (List<TreeItem> branch : plain.branches()) {
                out.add(walk.branch(branch, List.of(), List.of()));
            }
        } catch (SopsException e) {
            throw new IllegalStateException("encryption does not fail", e);
        }
        String lastModified = LastModified.format(now);
        String macText;
        try {
            macText = cipher.encrypt(mac.hex().getBytes(StandardCharsets.US_ASCII), Scalar.STR,
                    LastModified.macAad(lastModified).getBytes(StandardCharsets.US_ASCII), null);
        } catch (SopsException e) {
            throw new IllegalStateException("own lastmodified did not parse", e);
        }
        return new Encrypted(SopsTree.ofBranches(out), lastModified, macText);
    }

    /**
     * Decrypts {@code encrypted} and verifies the MAC unless {@code verifyMac} is false (then a warning is added).
     *
     * @throws SopsException.MalformedValue, SopsException.ValueTampered for a bad value (naming its key)
     * @throws SopsException.MacMismatch when the MAC is missing, undecryptable or different
     */
    public static Decrypted decrypt(SopsTree encrypted, Metadata metadata, SecretBytes dataKey, boolean verifyMac)
            throws SopsException {
        ValueCipher cipher = new ValueCipher(dataKey);
        MacHasher mac = new MacHasher(metadata.macOnlyEncrypted());
        IvStash stash = new IvStash();
        List<String> warnings = new ArrayList<>();
        CryptRule rule = metadata.cryptRule();
        Map<String, Integer> occurrences = new HashMap<>();
        int[] commentNumber = {0};
        TreeWalk walk = new TreeWalk((leaf, path, comments, isComment) -> {
            boolean isEncrypted = rule.shouldEncrypt(path, comments, isComment);
            byte[] aad = aad(path);
            int occurrence = occurrences.merge(new String(aad, StandardCharsets.UTF_8), 1, Integer::sum);
            if (isComment) {
                commentNumber[0]++;
                TreeItem.Comment comment = (TreeItem.Comment) leaf;
                String stored = comment.value().text();
                if (isEncrypted && ValueCipher.looksEncrypted(stored)) {
                    try {
                        ValueCipher.Decrypted d = cipher.decrypt(stored, aad, "comment " + commentNumber[0]);
                        Scalar plain = Scalar.of(Scalar.COMMENT, d.value().bytes());
                        stash.remember(plain.bytes(), Scalar.COMMENT, aad, occurrence, d.iv());
                        return new TreeItem.Comment(plain, comment.inline());
                    } catch (SopsException e) {
                        warnings.add("comment " + commentNumber[0] + " could not be decrypted and is kept as stored");
                    }
                }
                return comment;
            }
            Scalar value = (Scalar) leaf;
            if (isEncrypted) {
                String where = String.join(":", path);
                if (!Scalar.STR.equals(value.type())) {
                    throw new SopsException.MalformedValue("value of [" + where + "] should be encrypted but is a "
                            + value.type() + " in the file");
                }
                ValueCipher.Decrypted d = cipher.decrypt(value.text(), aad, where);
                value = d.value();
                stash.remember(value.bytes(), value.type(), aad, occurrence, d.iv());
            }
            mac.add(value, isEncrypted);
            return value;
        });
        List<List<TreeItem>> out = new ArrayList<>();
        for (List<TreeItem> branch : encrypted.branches()) {
            out.add(walk.branch(branch, List.of(), List.of()));
        }
        if (verifyMac) {
            verifyMac(cipher, metadata, mac.hex());
        } else {
            warnings.add("the MAC was not verified (--ignore-mac): the file may have been tampered with");
        }
        return new Decrypted(SopsTree.ofBranches(out), stash, warnings);
    }

    private static void verifyMac(ValueCipher cipher, Metadata metadata, String computed) throws SopsException {
        if (metadata.mac().isEmpty()) {
            throw new SopsException.MacMismatch("the file has no MAC (sops_mac is missing or empty)");
        }
        String stored;
        try {
            byte[] aad = LastModified.macAad(metadata.lastModified()).getBytes(StandardCharsets.US_ASCII);
            stored = cipher.decrypt(metadata.mac(), aad, "sops_mac").value().text();
        } catch (SopsException.ValueTampered | SopsException.MalformedValue e) {
            throw new SopsException.MacMismatch("the MAC could not be decrypted under sops_lastmodified ["
                    + metadata.lastModified() + "]: the MAC or the time was changed");
        }
        if (!MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                computed.getBytes(StandardCharsets.US_ASCII))) {
            throw new SopsException.MacMismatch("MAC mismatch: the values were changed, reordered, added or removed "
                    + "since the file was written");
        }
    }

    private static String seal(ValueCipher cipher, IvStash stash, Scalar value, byte[] aad, int occurrence) {
        byte[] plain = value.bytes();
        try {
            return cipher.encrypt(plain, value.type(), aad, stash.lookup(plain, value.type(), aad, occurrence));
        } finally {
            SecretBytes.wipe(plain);
        }
    }

    /** The AAD of a top-level key: its bytes and a trailing colon. */
    static byte[] aad(String key) {
        return (key + ":").getBytes(StandardCharsets.UTF_8);
    }

    /** The AAD of a path: its keys joined with colons, and a trailing colon ({@code :} at the root). */
    static byte[] aad(List<String> path) {
        return (String.join(":", path) + ":").getBytes(StandardCharsets.UTF_8);
    }
}
