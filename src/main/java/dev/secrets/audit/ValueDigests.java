package dev.secrets.audit;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells equal values apart from different ones without keeping them: an HMAC-SHA-256 under a random key that
 * lives only in this object, so a digest says nothing about the value to anyone (not even across runs).
 */
public final class ValueDigests {
    private final Mac mac;

    /** A fresh random key. */
    public ValueDigests() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** The digest of {@code value}: equal for equal values, comparable with {@code equals}. */
    public ByteBuffer digest(byte[] value) {
        return ByteBuffer.wrap(mac.doFinal(value)).asReadOnlyBuffer();
    }
}
