package dev.secrets.dotenv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte string with value equality. Dotenv values are bytes, not text: sops treats them as Go
 * strings, which need not be valid UTF-8. {@link #toString()} never shows the content.
 */
public final class Bytes {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] bytes;

    private Bytes(byte[] owned) {
        this.bytes = owned;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** A byte string of a range of {@code bytes}. */
    public static Bytes of(byte[] bytes, int from, int to) {
        return new Bytes(Arrays.copyOfRange(bytes, from, to));
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the content. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** The content as UTF-8 text (invalid sequences replaced). */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** The byte at {@code index}. */
    public byte at(int index) {
        return bytes[index];
    }

    /** True when there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Zeroes the content: for values that held secrets, once nothing else uses this instance. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]";
    }
}
