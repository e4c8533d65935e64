package dev.secrets.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The one type a secret flows in: a private copy of some bytes that is zeroed by {@link #destroy()}.
 *
 * <p>Guarantees: bytes are copied in and out (callers never share the internal array), {@link #toString()}
 * never shows the content, and {@link #equalsConstantTime(SecretBytes)} compares without an early exit. After
 * {@code destroy()} every accessor throws {@link IllegalStateException}.
 */
public final class SecretBytes implements Destroyable {
    private final byte[] bytes;
    private boolean destroyed;

    private SecretBytes(byte[] owned) {
        this.bytes = owned;
    }

    /** A secret holding a copy of {@code bytes}; the caller may wipe its array afterwards. */
    public static SecretBytes copyOf(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** A secret that takes ownership of {@code bytes}: the caller must not keep or reuse the array. */
    public static SecretBytes adopt(byte[] bytes) {
        return new SecretBytes(bytes);
    }

    /** A secret holding the UTF-8 encoding of {@code text}. */
    public static SecretBytes ofUtf8(String text) {
        return new SecretBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh copy of the content; the caller should wipe it with {@link #wipe(byte[])} when done. */
    public byte[] copy() {
        checkAlive();
        return bytes.clone();
    }

    /** The content decoded as UTF-8 (invalid sequences are replaced). Strings cannot be wiped: use sparingly. */
    public String toUtf8() {
        checkAlive();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Number of bytes held. */
    public int length() {
        checkAlive();
        return bytes.length;
    }

    /** Compares contents in time that depends only on the lengths. */
    public boolean equalsConstantTime(SecretBytes other) {
        checkAlive();
        other.checkAlive();
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Compares with raw bytes in time that depends only on the lengths. */
    public boolean equalsConstantTime(byte[] other) {
        checkAlive();
        return MessageDigest.isEqual(bytes, other);
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Zeroes an array that held secret bytes; null is ignored. */
    public static void wipe(byte[] array) {
        if (array != null) {
            Arrays.fill(array, (byte) 0);
        }
    }

    /** Zeroes a char array that held secret text; null is ignored. */
    public static void wipe(char[] array) {
        if (array != null) {
            Arrays.fill(array, '\0');
        }
    }

    @Override
    public String toString() {
        return destroyed ? "SecretBytes[destroyed]" : "SecretBytes[redacted, " + bytes.length + " bytes]";
    }

    /** Identity semantics on purpose: use {@link #equalsConstantTime(SecretBytes)} to compare content. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
    }
}
