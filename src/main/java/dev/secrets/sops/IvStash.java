package dev.secrets.sops;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Remembers the IV each value was decrypted with, so re-encrypting an unchanged value under the same data key
 * reproduces its exact {@code ENC[...]} text and git diffs show only what changed. Unlike sops, the occurrence
 * (n-th value with the same key) is part of the match, so duplicate keys with equal values keep distinct IVs;
 * when positions shift, an IV remembered for the same (value, key) is reused if no other value took it in this
 * pass. Only ever used with the data key the values were decrypted under.
 */
public final class IvStash {
    private final Map<Key, byte[]> exact = new HashMap<>();
    private final Map<Key, byte[]> anyOccurrence = new HashMap<>();
    private final Set<String> usedThisPass = new HashSet<>();

    /** Records that the {@code occurrence}-th value under {@code aad} was {@code plaintext} of {@code type}. */
    public void remember(byte[] plaintext, String type, byte[] aad, int occurrence, byte[] iv) {
        exact.put(new Key(plaintext, type, aad, occurrence), iv.clone());
        anyOccurrence.putIfAbsent(new Key(plaintext, type, aad, -1), iv.clone());
    }

    /**
     * Also remembers every IV {@code other} saw (its own entries win over nothing, never over ours): for a merge
     * of two files under the same data key, so values unchanged on either side keep their ciphertext.
     */
    public void absorb(IvStash other) {
        absorbInto(other.exact, exact);
        absorbInto(other.anyOccurrence, anyOccurrence);
    }

    private static void absorbInto(Map<Key, byte[]> from, Map<Key, byte[]> to) {
        from.forEach((k, iv) -> {
            if (!to.containsKey(k)) {
                to.put(k.copy(), iv.clone());
            }
        });
    }

    /** Starts an encryption pass: no IV has been handed out yet. */
    public void beginPass() {
        usedThisPass.clear();
    }

    /** The IV to reuse for this value, or null for a fresh one. */
    public byte[] lookup(byte[] plaintext, String type, byte[] aad, int occurrence) {
        byte[] iv = exact.get(new Key(plaintext, type, aad, occurrence));
        if (iv == null) {
            iv = anyOccurrence.get(new Key(plaintext, type, aad, -1));
        }
        if (iv == null || !usedThisPass.add(Arrays.toString(iv))) {
            return null;
        }
        return iv.clone();
    }

    /** Forgets everything (zeroing the plaintext copies). */
    public void clear() {
        exact.keySet().forEach(k -> Arrays.fill(k.plaintext, (byte) 0));
        anyOccurrence.keySet().forEach(k -> Arrays.fill(k.plaintext, (byte) 0));
        exact.clear();
        anyOccurrence.clear();
        usedThisPass.clear();
    }

    private static final class Key {
        private final byte[] plaintext;
        private final String type;
        private final byte[] aad;
        private final int occurrence;

        Key(byte[] plaintext, String type, byte[] aad, int occurrence) {
            this.plaintext = plaintext.clone();
            this.type = type;
            this.aad = aad.clone();
            this.occurrence = occurrence;
        }

        Key copy() {
            return new Key(plaintext, type, aad, occurrence);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && occurrence == that.occurrence && type.equals(that.type)
                    && Arrays.equals(plaintext, that.plaintext) && Arrays.equals(aad, that.aad);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * Arrays.hashCode(plaintext) + type.hashCode()) + Arrays.hashCode(aad)) + occurrence;
        }
    }
}
