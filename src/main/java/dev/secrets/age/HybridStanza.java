package dev.secrets.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The age post-quantum hybrid recipient type {@code mlkem768x25519} (C2SP age, "The MLKEM768-X25519 (i.e. X-Wing)
 * hybrid post-quantum recipient type"): the file key is sealed with HPKE base mode, KEM MLKEM768-X25519, KDF
 * HKDF-SHA256, AEAD ChaCha20-Poly1305, info {@code age-encryption.org/mlkem768x25519}, empty AAD. The identity is
 * the 32-byte KEM seed; the recipient its 1216-byte public key.
 *
 * <p>The JDK 17 has neither ML-KEM nor HPKE, so this uses BouncyCastle's light-weight {@link HPKE} (no provider
 * registered). It is loaded only when a hybrid key is really used, never for X25519 files.
 */
final class HybridStanza {
    static final String TYPE = "mlkem768x25519";
    static final int SEED_LENGTH = 32;
    static final int PUBLIC_KEY_LENGTH = 1216;
    private static final int ENC_LENGTH = 1120;
    private static final int BODY_LENGTH = 32;
    private static final int X25519_SECRET_OFFSET = 64;
    private static final byte[] INFO = "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HybridStanza() {
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_MLKEM768_X25519, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    /** A fresh identity seed from the system's secure random source. */
    static byte[] newSeed() {
        byte[] seed = new byte[SEED_LENGTH];
        RANDOM.nextBytes(seed);
        return seed;
    }

    /** The public key (recipient bytes) of the identity with this seed. */
    static byte[] publicKey(byte[] seed) {
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair pair = hpke.deserializePrivateKey(seed, null);
        return hpke.serializePublicKey(pair.getPublic());
    }

    /** Checks that {@code publicKey} is a well-formed MLKEM768-X25519 public key (throws otherwise). */
    static void checkPublicKey(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("a hybrid public key is " + PUBLIC_KEY_LENGTH + " bytes, not "
                    + publicKey.length);
        }
        hpke().deserializePublicKey(publicKey);
    }

    /** Seals file keys to the recipient with this public key. */
    static RecipientStanzaWriter writer(byte[] publicKey) {
        byte[] recipient = publicKey.clone();
        return fileKey -> {
            HPKE hpke = hpke();
            AsymmetricKeyParameter pkR = hpke.deserializePublicKey(recipient);
            byte[] key = fileKey.getEncoded();
            try {
                byte[][] sealed = hpke.seal(pkR, INFO, new byte[0], key, null, null, null);
                String enc = Base64.getEncoder().withoutPadding().encodeToString(sealed[1]);
                return List.of(new AgeStanza(TYPE, List.of(enc), sealed[0]));
            } catch (InvalidCipherTextException e) {
                throw new GeneralSecurityException("HPKE seal failed", e);
            } finally {
                SecretBytes.wipe(key);
            }
        };
    }

    /** Opens {@code mlkem768x25519} stanzas with the identity whose seed is {@code seed} (kept, not copied). */
    static RecipientStanzaReader reader(SecretBytes seed) {
        return stanzas -> {
            List<Exception> failures = new ArrayList<>();
            for (RecipientStanza stanza : stanzas) {
                if (!TYPE.equals(stanza.getType())) {
                    continue;
                }
                try {
                    return open(seed, stanza);
                } catch (AEADBadTagException e) {
                    failures.add(e);
                }
            }
            UnsupportedRecipientStanzaException none = new UnsupportedRecipientStanzaException(failures.isEmpty()
                    ? "mlkem768x25519 Recipient Stanza not found" : "mlkem768x25519 Recipient Stanza not matched");
            failures.forEach(none::addSuppressed);
            throw none;
        };
    }

    private static FileKey open(SecretBytes seed, RecipientStanza stanza) throws GeneralSecurityException {
        List<String> arguments = stanza.getArguments();
        if (arguments.size() != 1) {
            throw new ScryptStanza.MalformedStanzaException("mlkem768x25519 stanza needs 1 argument, has "
                    + arguments.size());
        }
        byte[] enc = SshEd25519StanzaReader.decode(arguments.get(0));
        if (enc == null || enc.length != ENC_LENGTH) {
            throw new ScryptStanza.MalformedStanzaException("mlkem768x25519 enc is not canonical base64 of "
                    + ENC_LENGTH + " bytes");
        }
        byte[] body = stanza.getBody();
        if (body.length != BODY_LENGTH) {
            throw new ScryptStanza.MalformedStanzaException("mlkem768x25519 stanza body is " + body.length
                    + " bytes, not " + BODY_LENGTH);
        }
        byte[] secret = seed.copy();
        try {
            rejectLowOrderShare(secret, enc);
            HPKE hpke = hpke();
            AsymmetricCipherKeyPair pair = hpke.deserializePrivateKey(secret, null);
            byte[] fileKey = hpke.open(enc, pair, INFO, new byte[0], body, null, null, null);
            return new FileKey(fileKey);
        } catch (InvalidCipherTextException e) {
            throw new AEADBadTagException("mlkem768x25519 stanza did not open: " + e.getMessage());
        } finally {
            SecretBytes.wipe(secret);
        }
    }

    /**
     * Refuses an X25519 share whose shared secret is all zeros (a low-order point), which X25519 implementations
     * differ on; age refuses it, so the header is malformed rather than "not for us".
     */
    private static void rejectLowOrderShare(byte[] seed, byte[] enc) throws GeneralSecurityException {
        byte[] expanded = new byte[96];
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(seed, 0, seed.length);
        shake.doFinal(expanded, 0, expanded.length);
        byte[] scalar = java.util.Arrays.copyOfRange(expanded, X25519_SECRET_OFFSET, X25519_SECRET_OFFSET + 32);
        byte[] share = java.util.Arrays.copyOfRange(enc, ENC_LENGTH - 32, ENC_LENGTH);
        byte[] shared = null;
        try {
            shared = x25519OrZero(scalar, share);
            if (MessageDigest.isEqual(shared, new byte[32])) {
                throw new ScryptStanza.MalformedStanzaException("mlkem768x25519 X25519 share is a low-order point");
            }
        } finally {
            SecretBytes.wipe(expanded);
            SecretBytes.wipe(scalar);
            SecretBytes.wipe(shared);
        }
    }

    private static byte[] x25519OrZero(byte[] scalar, byte[] share) {
        try {
            return SshEd25519Crypto.x25519(scalar, share);
        } catch (GeneralSecurityException e) {
            return new byte[32]; // the JDK refuses low-order points outright
        }
    }
}
