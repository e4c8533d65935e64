package dev.secrets.keys;

import dev.secrets.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir secret sharing over GF(2^8) with the AES polynomial, share layout as sops (Vault-derived): each share
 * is the polynomial values for every secret byte followed by one byte, its x coordinate (1-based group index).
 */
public final class ShamirSharing {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShamirSharing() {
    }

    /** Splits {@code secret} into {@code parts} shares, any {@code threshold} of which rebuild it. */
    public static SecretBytes[] split(SecretBytes secret, int parts, int threshold) {
        if (threshold < 2 || threshold > parts || parts > 255) {
            throw new IllegalArgumentException("need 2 <= threshold <= parts <= 255, got threshold " + threshold
                    + " and " + parts + " parts");
        }
        byte[] raw = secret.copy();
        byte[][] shares = new byte[parts][raw.length + 1];
        byte[] coefficients = new byte[threshold];
        try {
            for (int b = 0; b < raw.length; b++) {
                RANDOM.nextBytes(coefficients);
                coefficients[0] = raw[b];
                for (int p = 0; p < parts; p++) {
                    shares[p][b] = (byte) evaluate(coefficients, p + 1);
                }
            }
            SecretBytes[] out = new SecretBytes[parts];
            for (int p = 0; p < parts; p++) {
                shares[p][raw.length] = (byte) (p + 1);
                out[p] = SecretBytes.adopt(shares[p]);
            }
            return out;
        } finally {
            SecretBytes.wipe(raw);
            SecretBytes.wipe(coefficients);
        }
    }

    /**
     * Rebuilds the secret from shares by Lagrange interpolation at x = 0.
     *
     * @throws IllegalArgumentException for fewer than two shares, unequal lengths or duplicate x coordinates
     */
    public static SecretBytes combine(List<SecretBytes> shares) {
        if (shares.size() < 2) {
            throw new IllegalArgumentException("at least two shares are needed");
        }
        byte[][] raw = new byte[shares.size()][];
        try {
            Set<Integer> xs = new HashSet<>();
            for (int i = 0; i < raw.length; i++) {
                raw[i] = shares.get(i).copy();
                if (raw[i].length < 2 || raw[i].length != raw[0].length) {
                    throw new IllegalArgumentException("shares must have equal lengths of at least 2 bytes");
                }
                if (!xs.add(raw[i][raw[i].length - 1] & 0xff)) {
                    throw new IllegalArgumentException("duplicate share");
                }
            }
            int length = raw[0].length - 1;
            byte[] secret = new byte[length];
            for (int b = 0; b < length; b++) {
                int value = 0;
                for (int i = 0; i < raw.length; i++) {
                    int xi = raw[i][length] & 0xff;
                    int basis = 1;
                    for (int j = 0; j < raw.length; j++) {
                        if (j != i) {
                            int xj = raw[j][length] & 0xff;
                            basis = multiply(basis, divide(xj, xi ^ xj));
                        }
                    }
                    value ^= multiply(raw[i][b] & 0xff, basis);
                }
                secret[b] = (byte) value;
            }
            return SecretBytes.adopt(secret);
        } finally {
            for (byte[] r : raw) {
                SecretBytes.wipe(r);
            }
        }
    }

    private static int evaluate(byte[] coefficients, int x) {
        int result = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            result = multiply(result, x) ^ (coefficients[i] & 0xff);
        }
        return result;
    }

    /** Carry-less multiplication modulo x^8+x^4+x^3+x+1, without data-dependent branches. */
    static int multiply(int a, int b) {
        int result = 0;
        for (int i = 0; i < 8; i++) {
            result ^= a & -(b & 1);
            int high = (a >> 7) & 1;
            a = ((a << 1) ^ (0x1b & -high)) & 0xff;
            b >>= 1;
        }
        return result;
    }

    static int divide(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(256)");
        }
        int inverse = 1;
        for (int i = 0; i < 254; i++) {
            inverse = multiply(inverse, b);
        }
        return multiply(a, inverse);
    }
}
