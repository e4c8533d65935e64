package dev.secrets.age;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * OpenSSH Ed25519 keys as age uses them: the public key in SSH wire format ({@code string "ssh-ed25519",
 * string key}), its 4-byte stanza tag, its Montgomery (X25519) form, and its private fields in an
 * {@code openssh-key-v1} container (read by {@link OpenSshContainer}). Parse errors name the source, never key material.
 */
final class SshEd25519Key {
    static final String TYPE = "ssh-ed25519";
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** The Edwards curve constant d = -121665 / 121666 mod p. */
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final int KEY_LENGTH = 32;
    private static final String HINT = "use an OpenSSH ssh-ed25519 or ssh-rsa private key "
            + "(ssh-keygen -t ed25519 -f FILE) or an age identity (AGE-SECRET-KEY-1...)";

    private SshEd25519Key() {
    }

    /** A parsed private key: the 32-byte seed (owned by the caller) and the 32-byte public key. */
    record PrivateKey(SecretBytes seed, byte[] publicKey) {
    }

    /** True when {@code content} starts with the OpenSSH private key armor. */
    /** The SSH wire encoding of a 32-byte Ed25519 public key. */
    static byte[] wire(byte[] publicKey) {
        byte[] type = TYPE.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + type.length + publicKey.length)
                .putInt(type.length).put(type).putInt(publicKey.length).put(publicKey).array();
    }

    /** The recipient string of a public key: {@code ssh-ed25519 BASE64}. */
    static String recipient(byte[] publicKey) {
        return TYPE + " " + Base64.getEncoder().encodeToString(wire(publicKey));
    }

    /** The stanza tag: the first 4 bytes of SHA-256 of the wire public key. */
    static byte[] tag(byte[] wire) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(wire), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the Java runtime", e);
        }
    }

    /**
     * The public key (32 bytes) of an {@code ssh-ed25519 BASE64 [comment]} line.
     *
     * @throws IllegalArgumentException with a reason that contains no key material
     */
    static byte[] parsePublic(String line) {
        String[] words = line.strip().split("\\s+", 3);
        if (words.length < 2 || !TYPE.equals(words[0])) {
            throw new IllegalArgumentException("expected 'ssh-ed25519 AAAA...'");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(words[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64");
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        try {
            String type = new String(string(in), StandardCharsets.US_ASCII);
            byte[] key = string(in);
            if (!TYPE.equals(type) || key.length != KEY_LENGTH || in.hasRemaining()) {
                throw new IllegalArgumentException("the key is not an ssh-ed25519 public key");
            }
            montgomery(key);
            return key;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("the key is truncated");
        }
    }

    /**
     * The X25519 public key of an Ed25519 public key: u = (1 + y) / (1 - y) mod p.
     *
     * @throws IllegalArgumentException when the bytes are not a valid Ed25519 point
     */
    static byte[] montgomery(byte[] edPublicKey) {
        BigInteger y = checkedY(edPublicKey);
        BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
        byte[] out = new byte[KEY_LENGTH];
        byte[] be = u.toByteArray();
        for (int i = 0; i < KEY_LENGTH && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    /**
     * The private key from the decrypted fields of an {@code openssh-key-v1} container (see
     * {@link OpenSshContainer#privateFields}): type, public key, 64-byte secret.
     *
     * @param source how to name the key in messages
     * @throws KeyException.InvalidIdentity when they are malformed or do not match
     */
    static PrivateKey fromFields(byte[] fields, String source) throws KeyException.InvalidIdentity {
        byte[] secret = null;
        try {
            ByteBuffer priv = ByteBuffer.wrap(fields);
            String type = ascii(string(priv));
            byte[] publicKey = string(priv);
            secret = string(priv);
            if (!TYPE.equals(type) || publicKey.length != KEY_LENGTH || secret.length != 2 * KEY_LENGTH
                    || !Arrays.equals(secret, KEY_LENGTH, 2 * KEY_LENGTH, publicKey, 0, KEY_LENGTH)) {
                throw invalid(source, "is not a well-formed ssh-ed25519 private key");
            }
            montgomery(publicKey);
            byte[] seed = Arrays.copyOf(secret, KEY_LENGTH);
            try {
                if (!matches(seed, publicKey)) {
                    throw invalid(source, "is damaged (its public key does not match its private key)");
                }
            } finally {
                SecretBytes.wipe(seed);
            }
            return new PrivateKey(SecretBytes.copyOf(Arrays.copyOf(secret, KEY_LENGTH)), publicKey);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw invalid(source, "is not a well-formed OpenSSH private key");
        } finally {
            SecretBytes.wipe(secret);
        }
    }

    /** The 32-byte public key inside an {@code ssh-ed25519} wire public key. */
    static byte[] publicKeyOfWire(byte[] wire) {
        ByteBuffer in = ByteBuffer.wrap(wire);
        if (!TYPE.equals(ascii(string(in)))) {
            throw new IllegalArgumentException("the key is not an ssh-ed25519 public key");
        }
        byte[] key = string(in);
        if (key.length != KEY_LENGTH || in.hasRemaining()) {
            throw new IllegalArgumentException("the key is not an ssh-ed25519 public key");
        }
        checkedY(key);
        return key;
    }

    /**
     * The y coordinate of an encoded Ed25519 point, after checking (as RFC 8032 decoding does) that y is
     * canonical and that x^2 = (y^2 - 1) / (d y^2 + 1) has a root with the encoded sign.
     */
    private static BigInteger checkedY(byte[] point) {
        if (point.length != KEY_LENGTH) {
            throw new IllegalArgumentException("the key is not a valid Ed25519 point");
        }
        byte[] big = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            big[i] = point[KEY_LENGTH - 1 - i];
        }
        boolean xOdd = (big[0] & 0x80) != 0;
        big[0] &= 0x7f;
        BigInteger y = new BigInteger(1, big);
        if (y.compareTo(P) >= 0 || y.equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("the key is not a valid Ed25519 point");
        }
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        boolean square = x2.signum() == 0 || x2.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
        if (!square || (x2.signum() == 0 && xOdd)) {
            throw new IllegalArgumentException("the key is not a valid Ed25519 point");
        }
        return y;
    }

    /** True when {@code publicKey} is the Ed25519 public key of {@code seed}: a JDK signature made with one verifies
     * with the other. */
    private static boolean matches(byte[] seed, byte[] publicKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            java.security.PrivateKey privateKey = factory.generatePrivate(
                    new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            byte[] big = new byte[KEY_LENGTH];
            for (int i = 0; i < KEY_LENGTH; i++) {
                big[i] = publicKey[KEY_LENGTH - 1 - i];
            }
            boolean xOdd = (big[0] & 0x80) != 0;
            big[0] &= 0x7f;
            java.security.PublicKey edPublic = factory.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                    new EdECPoint(xOdd, new BigInteger(1, big))));
            byte[] message = "age ssh-ed25519 key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(edPublic);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static KeyException.InvalidIdentity invalid(String source, String what) {
        return new KeyException.InvalidIdentity(source + " " + what, HINT, null);
    }
}
