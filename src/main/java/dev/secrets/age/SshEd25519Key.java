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
 * string key}), its 4-byte stanza tag, its Montgomery (X25519) form, and the unencrypted {@code openssh-key-v1}
 * private key format. Parse errors name the source, never key material.
 */
final class SshEd25519Key {
    static final String TYPE = "ssh-ed25519";
    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** The Edwards curve constant d = -121665 / 121666 mod p. */
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final int KEY_LENGTH = 32;
    private static final String HINT = "use an unencrypted OpenSSH ssh-ed25519 private key "
            + "(ssh-keygen -t ed25519 -N '' -f FILE) or an age identity (AGE-SECRET-KEY-1...)";

    private SshEd25519Key() {
    }

    /** A parsed private key: the 32-byte seed (owned by the caller) and the 32-byte public key. */
    record PrivateKey(SecretBytes seed, byte[] publicKey) {
    }

    /** True when {@code content} starts with the OpenSSH private key armor. */
    static boolean isOpenSshPrivateKey(byte[] content) {
        byte[] begin = BEGIN.getBytes(StandardCharsets.US_ASCII);
        return content.length >= begin.length && Arrays.equals(content, 0, begin.length, begin, 0, begin.length);
    }

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
     * Parses an unencrypted {@code openssh-key-v1} private key holding one {@code ssh-ed25519} key.
     *
     * @param source how to name the key in messages
     * @throws KeyException.InvalidIdentity when it is malformed, passphrase-protected or of another type
     */
    static PrivateKey parsePrivate(byte[] content, String source) throws KeyException.InvalidIdentity {
        byte[] blob = null;
        byte[] secret = null;
        byte[] privateBlock = null;
        try {
            blob = dearmor(content, source);
            ByteBuffer in = ByteBuffer.wrap(blob);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw invalid(source, "is not an openssh-key-v1 private key");
            }
            String cipher = ascii(string(in));
            String kdf = ascii(string(in));
            string(in);
            if (!"none".equals(cipher) || !"none".equals(kdf)) {
                throw new KeyException.InvalidIdentity(source + " is a passphrase-protected SSH key; "
                        + "passphrase-protected SSH keys are not supported yet",
                        "use an unencrypted copy in a private place (ssh-keygen -p -N '' -f COPY) or an age identity",
                        null);
            }
            if (in.getInt() != 1) {
                throw invalid(source, "holds more than one key");
            }
            byte[] publicBlob = string(in);
            privateBlock = string(in);
            String publicType = ascii(string(ByteBuffer.wrap(publicBlob)));
            if (!TYPE.equals(publicType)) {
                throw new KeyException.InvalidIdentity(source + " is an SSH key of type ["
                        + (publicType.length() > 40 ? publicType.substring(0, 40) + "..." : publicType)
                        + "]; only ssh-ed25519 SSH keys are supported", HINT, null);
            }
            ByteBuffer priv = ByteBuffer.wrap(privateBlock);
            if (priv.getInt() != priv.getInt()) {
                throw invalid(source, "is damaged (check integers differ)");
            }
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
            SecretBytes.wipe(blob);
            SecretBytes.wipe(secret);
            SecretBytes.wipe(privateBlock);
        }
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

    private static byte[] dearmor(byte[] content, String source) throws KeyException.InvalidIdentity {
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw invalid(source, "is not an OpenSSH private key (expected " + BEGIN + ")");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length());
        return Base64.getMimeDecoder().decode(body);
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
