package dev.secrets.sops;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the IV each (plaintext, type, AAD) was decrypted with, so re-encrypting an unchanged value under
 * the same data key reproduces its exact {@code ENC[...]} text and git diffs show only what changed. Only ever
 * used with the data key the values were decrypted under.
 */
public final class IvStash {
    private final Map<Key, byte[]> ivs = new HashMap<>();

    /** Records that {@code plaintext} of {@code type} under {@code aad} was encrypted with {@code iv}. */
    public void remember(byte[] plaintext, String type, byte[] aad, byte[] iv) {
        ivs.put(new Key(plaintext, type, aad), iv.clone());
    }

    /** The IV to reuse for this value, or null for a fresh one. */
    public byte[] lookup(byte[] plaintext, String type, byte[] aad) {
        byte[] iv = ivs.get(new Key(plaintext, type, aad));
        return iv == null ? null : iv.clone();
    }

    /** Forgets everything (zeroing the plaintext copies). */
    public void clear() {
        ivs.keySet().forEach(k -> Arrays.fill(k.plaintext, (byte) 0));
        ivs.clear();
    }

    private static final class Key {
        private final byte[] plaintext;
        private final String type;
        private final byte[] aad;

        Key(byte[] plaintext, String type, byte[] aad) {
            this.plaintext = plaintext.clone();
            this.type = type;
            this.aad = aad.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && type.equals(that.type) && Arrays.equals(plaintext, that.plaintext)
                    && Arrays.equals(aad, that.aad);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(plaintext) + type.hashCode()) + Arrays.hashCode(aad);
        }
    }
}
