package dev.secrets.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One decrypted key and its raw value bytes (usually UTF-8), in file order. The entry does not copy the array:
 * whoever builds the list owns the bytes and wipes them with {@link #wipe()} when done. {@link #toString()} never
 * shows the value; {@code equals} compares the array by identity, as records do.
 *
 * @param key the variable name as stored in the file
 * @param value the value bytes, not copied
 */
public record RenderEntry(String key, byte[] value) {
    /** Checks that neither part is null. */
    public RenderEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** An entry holding the UTF-8 encoding of {@code value} (tests, values that are not secret). */
    public static RenderEntry ofUtf8(String key, String value) {
        return new RenderEntry(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Zeroes the value bytes. */
    public void wipe() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public String toString() {
        return "RenderEntry[" + key + ", redacted " + value.length + " bytes]";
    }
}
