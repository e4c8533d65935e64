package dev.secrets.age;

import dev.secrets.secret.SecretBytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of the age {@code ssh-ed25519} stanza, all from the JDK: X25519 on raw 32-byte strings, the
 * tweak and wrap-key derivation (HKDF-SHA-256), and the ChaCha20-Poly1305 wrap of the file key under a zero nonce.
 */
final class SshEd25519Crypto {
    static final String LABEL = "age-encryption.org/v1/ssh-ed25519";
    static final byte[] BASE_POINT = basePoint();
    private static final int KEY_LENGTH = 32;

    private SshEd25519Crypto() {
    }

    /** X25519(scalar, u) with RFC 7748 clamping and u-masking; fails on an all-zero (low-order) result. */
    static byte[] x25519(byte[] scalar, byte[] u) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        byte[] reversed = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            reversed[i] = u[KEY_LENGTH - 1 - i];
        }
        reversed[0] &= 0x7f;
        PublicKey publicKey = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                new BigInteger(1, reversed)));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        return agreement.generateSecret();
    }

    /** The per-key tweak scalar: HKDF-SHA-256(ikm = empty, salt = SSH wire public key, info = label), 32 bytes. */
    static byte[] tweak(byte[] sshWireKey) throws GeneralSecurityException {
        return hkdf(new byte[0], sshWireKey);
    }

    /** The wrap key: HKDF-SHA-256(ikm = tweaked shared secret, salt = ephemeral share || recipient, info = label). */
    static byte[] wrapKey(byte[] tweakedShared, byte[] ephemeralShare, byte[] recipientX25519)
            throws GeneralSecurityException {
        byte[] salt = new byte[ephemeralShare.length + recipientX25519.length];
        System.arraycopy(ephemeralShare, 0, salt, 0, ephemeralShare.length);
        System.arraycopy(recipientX25519, 0, salt, ephemeralShare.length, recipientX25519.length);
        return hkdf(tweakedShared, salt);
    }

    /** ChaCha20-Poly1305 with a 12-byte zero nonce (each wrap key is used once). */
    static byte[] chacha(int mode, byte[] key, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(new byte[12]));
        return cipher.doFinal(input);
    }

    /** The X25519 identity scalar of an Ed25519 seed: the first 32 bytes of SHA-512(seed). */
    static byte[] scalarOf(byte[] seed) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(seed);
        try {
            return Arrays.copyOf(digest, KEY_LENGTH);
        } finally {
            SecretBytes.wipe(digest);
        }
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        // RFC 5869: an empty salt means a zero-filled key; sops/age always pass a non-empty salt here.
        mac.init(new SecretKeySpec(salt.length == 0 ? new byte[KEY_LENGTH] : salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        try {
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(LABEL.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return mac.doFinal();
        } finally {
            SecretBytes.wipe(prk);
        }
    }

    private static byte[] basePoint() {
        byte[] u = new byte[KEY_LENGTH];
        u[0] = 9;
        return u;
    }
}
