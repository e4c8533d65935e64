package dev.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The running SHA-512 over the plaintext of the tree's values in walk order (no keys, no separators, no
 * comments), as sops computes its MAC; upper-case hex.
 */
final class MacHasher {
    private final MessageDigest digest;
    private final boolean onlyEncrypted;

    MacHasher(boolean onlyEncrypted) {
        this.onlyEncrypted = onlyEncrypted;
        try {
            this.digest = MessageDigest.getInstance("SHA-512");
            if (onlyEncrypted) {
                digest.update(MessageDigest.getInstance("SHA-256").digest("sops".getBytes(StandardCharsets.US_ASCII)));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-2 is not available", e);
        }
    }

    /** Adds a value; unencrypted values count only when the MAC covers all values. */
    void add(Scalar value, boolean encrypted) {
        if (encrypted || !onlyEncrypted) {
            digest.update(TypedValues.macBytes(value));
        }
    }

    String hex() {
        return HexFormat.of().withUpperCase().formatHex(digest.digest());
    }
}
