package dev.secrets.age;

import dev.secrets.keys.KeyException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * OpenSSH RSA keys as age uses them: the public key in SSH wire format ({@code string "ssh-rsa", mpint e,
 * mpint n}) and the private fields of an {@code openssh-key-v1} container ({@code n, e, d, iqmp, p, q}). Keys
 * under 2048 bits are refused, as age refuses them.
 */
final class SshRsaKey {
    static final String TYPE = "ssh-rsa";
    static final int MIN_BITS = 2048;
    private static final int MAX_BITS = 16384;

    private SshRsaKey() {
    }

    /** A public key with its wire encoding (for the stanza tag). */
    record Public(RSAPublicKey key, byte[] wire) {
    }

    /** The public key of an {@code ssh-rsa BASE64 [comment]} line; IllegalArgumentException says what is wrong. */
    static Public parsePublicLine(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length < 2 || !TYPE.equals(words[0])) {
            throw new IllegalArgumentException("expected ssh-rsa BASE64");
        }
        return parseWire(Base64.getDecoder().decode(words[1]));
    }

    /** The public key of an {@code ssh-rsa} wire blob. */
    static Public parseWire(byte[] wire) {
        try {
            ByteBuffer in = ByteBuffer.wrap(wire);
            if (!TYPE.equals(OpenSshContainer.ascii(OpenSshContainer.string(in)))) {
                throw new IllegalArgumentException("the key is not an ssh-rsa public key");
            }
            BigInteger e = mpint(in);
            BigInteger n = mpint(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing data after the key");
            }
            checkSize(n);
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            return new Public(key, wire.clone());
        } catch (java.nio.BufferUnderflowException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the ssh-rsa key is malformed");
        }
    }

    /** The recipient string of a wire public key: {@code ssh-rsa BASE64}. */
    static String recipient(byte[] wire) {
        return TYPE + " " + Base64.getEncoder().encodeToString(wire);
    }

    /**
     * The private key from the decrypted fields of an {@code openssh-key-v1} container.
     *
     * @throws KeyException.InvalidIdentity when they are malformed or do not belong to {@code publicKey}
     */
    static RSAPrivateCrtKey fromFields(byte[] fields, Public publicKey, String source) throws KeyException.InvalidIdentity {
        try {
            ByteBuffer in = ByteBuffer.wrap(fields);
            if (!TYPE.equals(OpenSshContainer.ascii(OpenSshContainer.string(in)))) {
                throw invalid(source, "is not a well-formed ssh-rsa private key");
            }
            BigInteger n = mpint(in);
            BigInteger e = mpint(in);
            BigInteger d = mpint(in);
            BigInteger iqmp = mpint(in);
            BigInteger p = mpint(in);
            BigInteger q = mpint(in);
            if (!n.equals(publicKey.key().getModulus()) || !e.equals(publicKey.key().getPublicExponent())
                    || !p.multiply(q).equals(n)) {
                throw invalid(source, "is damaged (its public key does not match its private key)");
            }
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(n, e, d, p, q, d.mod(p.subtract(BigInteger.ONE)),
                    d.mod(q.subtract(BigInteger.ONE)), iqmp);
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | GeneralSecurityException e) {
            throw invalid(source, "is not a well-formed ssh-rsa private key");
        }
    }

    private static void checkSize(BigInteger n) {
        if (n.bitLength() < MIN_BITS) {
            throw new IllegalArgumentException("the RSA key has " + n.bitLength() + " bits; age needs at least " + MIN_BITS);
        }
        if (n.bitLength() > MAX_BITS) {
            throw new IllegalArgumentException("the RSA key has more than " + MAX_BITS + " bits");
        }
    }

    private static BigInteger mpint(ByteBuffer in) {
        byte[] bytes = OpenSshContainer.string(in);
        if (bytes.length == 0) {
            return BigInteger.ZERO;
        }
        BigInteger value = new BigInteger(bytes);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative integer");
        }
        return value;
    }

    private static KeyException.InvalidIdentity invalid(String source, String what) {
        return new KeyException.InvalidIdentity(source + " " + what, null, null);
    }
}
