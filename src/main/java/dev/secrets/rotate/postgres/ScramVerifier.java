package dev.secrets.rotate.postgres;

import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes a PostgreSQL SCRAM-SHA-256 password verifier on the client (RFC 5802 / 7677, as PostgreSQL's
 * {@code scram_build_secret}), so {@code ALTER ROLE ... PASSWORD} never carries the password itself and it never
 * reaches the server's statement log. Only printable-ASCII passwords are accepted, for which SASLprep is the
 * identity (so the verifier equals the one the server would build).
 */
final class ScramVerifier {
    static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramVerifier() {
    }

    /** {@code SCRAM-SHA-256$4096:salt$StoredKey:ServerKey} for {@code password}, with a fresh 16-byte salt. */
    static String of(SecretBytes password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] raw = password.copy();
        byte[] salted = null;
        byte[] clientKey = null;
        try {
            for (byte b : raw) {
                if (b < 0x20 || b > 0x7e) {
                    throw new IllegalArgumentException("password has characters outside printable ASCII");
                }
            }
            salted = hi(raw, salt, ITERATIONS);
            clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + ITERATIONS + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 HMAC unavailable", e);
        } finally {
            SecretBytes.wipe(raw);
            SecretBytes.wipe(salted);
            SecretBytes.wipe(clientKey);
        }
    }

    /** PBKDF2-HMAC-SHA-256 with one output block (the {@code Hi} function of RFC 5802). */
    private static byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password, "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
