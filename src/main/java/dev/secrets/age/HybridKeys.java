package dev.secrets.age;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.CharBuffer;
import java.util.Arrays;

/**
 * Post-quantum hybrid identities ({@code AGE-SECRET-KEY-PQ-1...}, a 32-byte seed) and recipients
 * ({@code age1pq1...}, the 1216-byte MLKEM768-X25519 public key), Bech32 without length limit as age writes them.
 * Kept apart from {@link AgeIdentity} so that X25519-only runs never load the ML-KEM code.
 */
final class HybridKeys {
    static final String IDENTITY_PREFIX = "AGE-SECRET-KEY-PQ-1";
    static final String RECIPIENT_PREFIX = "age1pq1";
    private static final String IDENTITY_HRP = "AGE-SECRET-KEY-PQ-";
    private static final String RECIPIENT_HRP = "age1pq";

    private HybridKeys() {
    }

    /**
     * Parses one hybrid identity string.
     *
     * @param where names it in messages (file and line), never its text
     */
    static AgeIdentity parseIdentity(char[] text, String where, String source) throws KeyException.InvalidIdentity {
        byte[] seed = null;
        byte[] ascii = new byte[text.length];
        try {
            LongBech32.Decoded address;
            try {
                address = LongBech32.decode(CharBuffer.wrap(text));
            } catch (IllegalArgumentException e) {
                throw invalid(where, "is not a valid post-quantum age identity (bad Bech32 encoding)");
            }
            seed = address.data();
            if (!IDENTITY_HRP.equals(address.hrp()) || seed.length != HybridStanza.SEED_LENGTH) {
                throw invalid(where, "is not a valid post-quantum age identity");
            }
            for (int i = 0; i < text.length; i++) {
                ascii[i] = (byte) text[i];
            }
            String recipient = encodeRecipient(HybridStanza.publicKey(seed));
            return AgeIdentity.of(SecretBytes.copyOf(seed), recipient, source, HybridStanza::reader,
                    AgeIdentity.Kind.HYBRID, SecretBytes.copyOf(ascii));
        } finally {
            SecretBytes.wipe(seed);
            SecretBytes.wipe(ascii);
        }
    }

    /** A new random hybrid identity. */
    static AgeIdentity generate(String source) throws KeyException.InvalidIdentity {
        byte[] seed = HybridStanza.newSeed();
        char[] chars = null;
        try {
            CharSequence bech32 = LongBech32.encode(IDENTITY_HRP, seed);
            chars = new char[bech32.length()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = Character.toUpperCase(bech32.charAt(i));
            }
            return parseIdentity(chars, source, source);
        } finally {
            SecretBytes.wipe(seed);
            SecretBytes.wipe(chars);
        }
    }

    /** The public key of an {@code age1pq1...} recipient; throws IllegalArgumentException with the reason. */
    static byte[] parseRecipient(String text) {
        LongBech32.Decoded address = LongBech32.decode(text);
        if (!RECIPIENT_HRP.equals(address.hrp())) {
            throw new IllegalArgumentException("not an age1pq recipient");
        }
        byte[] publicKey = address.data();
        HybridStanza.checkPublicKey(publicKey);
        return publicKey;
    }

    static String encodeRecipient(byte[] publicKey) {
        return LongBech32.encode(RECIPIENT_HRP, publicKey);
    }

    private static KeyException.InvalidIdentity invalid(String where, String what) {
        return new KeyException.InvalidIdentity(where + " " + what, IdentityFile.HINT, null);
    }

    static boolean startsWith(char[] text, String prefix) {
        return text.length >= prefix.length()
                && Arrays.equals(text, 0, prefix.length(), prefix.toCharArray(), 0, prefix.length());
    }
}
