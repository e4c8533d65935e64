package dev.secrets.sops;

import java.math.BigDecimal;
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
            digest.update(canonicalBytes(value));
        }
    }

    String hex() {
        return HexFormat.of().withUpperCase().formatHex(digest.digest());
    }

    /** Go's {@code ToBytes} of the decoded value: sops hashes typed values in their canonical form. */
    static byte[] canonicalBytes(Scalar value) {
        String text = value.text();
        try {
            switch (value.type()) {
                case "int":
                    return Long.toString(Long.parseLong(text)).getBytes(StandardCharsets.US_ASCII);
                case "bool":
                    return (parseGoBool(text) ? "True" : "False").getBytes(StandardCharsets.US_ASCII);
                case "float":
                    return goFloatF(Double.parseDouble(text)).getBytes(StandardCharsets.US_ASCII);
                default:
                    return value.bytes();
            }
        } catch (NumberFormatException e) {
            return value.bytes();
        }
    }

    static boolean parseGoBool(String text) {
        switch (text) {
            case "1": case "t": case "T": case "TRUE": case "true": case "True":
                return true;
            case "0": case "f": case "F": case "FALSE": case "false": case "False":
                return false;
            default:
                throw new NumberFormatException("not a bool");
        }
    }

    /** Go's {@code FormatFloat(v, 'f', -1, 64)}. */
    static String goFloatF(double v) {
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
