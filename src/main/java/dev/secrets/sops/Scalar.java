package dev.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A leaf value of the SOPS tree: its {@code type:} tag ({@code str}, {@code int}, {@code float}, {@code bool},
 * {@code time}, {@code bytes}, {@code comment}) and its bytes as SOPS serializes them for encryption.
 * {@link #toString()} never shows the bytes.
 */
public final class Scalar implements TreeValue {
    /** Type tag of strings, the only type dotenv plaintext produces. */
    public static final String STR = "str";
    /** Type tag of comments. */
    public static final String COMMENT = "comment";
    /** Type tag of 64-bit integers. */
    public static final String INT = "int";
    /** Type tag of 64-bit floats. */
    public static final String FLOAT = "float";
    /** Type tag of booleans. */
    public static final String BOOL = "bool";
    /** Type tag of YAML timestamps. */
    public static final String TIME = "time";

    private final String type;
    private final byte[] bytes;

    private Scalar(String type, byte[] bytes) {
        this.type = type;
        this.bytes = bytes;
    }

    /** A value of {@code type} holding a copy of {@code bytes}. */
    public static Scalar of(String type, byte[] bytes) {
        return new Scalar(type, bytes.clone());
    }

    /** A string value. */
    public static Scalar str(byte[] bytes) {
        return of(STR, bytes);
    }

    /** A string value from text. */
    public static Scalar str(String text) {
        return new Scalar(STR, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A value of {@code type} from text (ASCII for numbers and booleans). */
    public static Scalar of(String type, String text) {
        return new Scalar(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code type:} tag. */
    public String type() {
        return type;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes as text (ASCII for ENC strings and metadata). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the value has no bytes (sops leaves such values unencrypted). */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Zeroes the bytes once nothing else uses this instance. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "Scalar[" + type + ", " + bytes.length + " bytes]";
    }
}
