package dev.secrets.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The age ASCII armor (C2SP age.md, "ASCII armor"), written byte for byte as age and sops write it and read with
 * the same strictness as age's {@code armor.Reader}.
 *
 * <p>We armor ourselves rather than through jagged's armored channels so that both directions follow age's
 * reference reader exactly: at most 1024 bytes of whitespace around the armor, CRLF accepted, no empty lines,
 * lines of at most 64 columns, canonical padded base64, and a short line only as the last line before the
 * footer.
 */
final class AgeArmor {
    static final String HEADER = "-----BEGIN AGE ENCRYPTED FILE-----";
    static final String FOOTER = "-----END AGE ENCRYPTED FILE-----";
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FOOTER_BYTES = FOOTER.getBytes(StandardCharsets.US_ASCII);
    private static final int COLUMNS = 64;
    private static final int BYTES_PER_LINE = COLUMNS / 4 * 3;
    private static final int MAX_WHITESPACE = 1024;

    private AgeArmor() {
    }

    /** Armors a binary age file: header LF, padded base64 in 64-column lines each ending LF, footer LF. */
    static byte[] armor(byte[] binary) {
        byte[] encoded = Base64.getEncoder().encode(binary);
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + encoded.length / COLUMNS + 80);
        out.writeBytes(HEADER_BYTES);
        out.write('\n');
        for (int start = 0; start < encoded.length; start += COLUMNS) {
            out.write(encoded, start, Math.min(COLUMNS, encoded.length - start));
            out.write('\n');
        }
        out.writeBytes(FOOTER_BYTES);
        out.write('\n');
        return out.toByteArray();
    }

    /** True when {@code content}, after at most 1024 bytes of leading whitespace, starts with the armor header. */
    static boolean looksArmored(byte[] content) {
        int start = 0;
        while (start < content.length && start <= MAX_WHITESPACE && isSpace(content[start])) {
            start++;
        }
        return content.length - start >= HEADER_BYTES.length
                && Arrays.equals(content, start, start + HEADER_BYTES.length, HEADER_BYTES, 0, HEADER_BYTES.length);
    }

    /**
     * Removes the armor and returns the binary age file.
     *
     * @throws ArmorException with a short reason (never the content) when the armor is malformed
     */
    static byte[] dearmor(byte[] armored) throws ArmorException {
        LineReader lines = new LineReader(armored);
        int removedWhitespace = 0;
        while (true) {
            byte[] line = lines.next();
            if (isBlank(line)) {
                removedWhitespace += line.length + 1;
                if (removedWhitespace > MAX_WHITESPACE) {
                    throw new ArmorException("too much leading whitespace");
                }
                continue;
            }
            if (!Arrays.equals(line, HEADER_BYTES)) {
                throw new ArmorException("the first line is not the armor header");
            }
            break;
        }
        ByteArrayOutputStream binary = new ByteArrayOutputStream(armored.length * 3 / 4);
        while (true) {
            byte[] line = lines.next();
            if (Arrays.equals(line, FOOTER_BYTES)) {
                lines.drainTrailing();
                return binary.toByteArray();
            }
            if (line.length == 0) {
                throw new ArmorException("empty line inside the armor");
            }
            if (line.length > COLUMNS) {
                throw new ArmorException("a line is longer than " + COLUMNS + " columns");
            }
            byte[] decoded = decodeStrict(line);
            binary.writeBytes(decoded);
            if (decoded.length < BYTES_PER_LINE) {
                if (!Arrays.equals(lines.next(), FOOTER_BYTES)) {
                    throw new ArmorException("a short line is not followed by the armor footer");
                }
                lines.drainTrailing();
                return binary.toByteArray();
            }
        }
    }

    private static byte[] decodeStrict(byte[] line) throws ArmorException {
        if (line.length % 4 != 0) {
            throw new ArmorException("invalid base64 line length");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new ArmorException("invalid base64");
        }
        // Re-encoding rejects non-canonical input (non-zero padding bits), like Go's base64 Strict mode.
        if (!Arrays.equals(Base64.getEncoder().encode(decoded), line)) {
            throw new ArmorException("non-canonical base64");
        }
        return decoded;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (!isSpace(b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    /** Lines as Go's {@code ReadBytes('\n')} plus trimming one LF and one CR gives them. */
    private static final class LineReader {
        private final byte[] content;
        private int position;

        LineReader(byte[] content) {
            this.content = content;
        }

        byte[] next() throws ArmorException {
            if (position >= content.length) {
                throw new ArmorException("unexpected end of armored data");
            }
            int end = position;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            int lineEnd = end;
            if (lineEnd > position && content[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            byte[] line = Arrays.copyOfRange(content, position, lineEnd);
            position = Math.min(end + 1, content.length);
            return line;
        }

        void drainTrailing() throws ArmorException {
            int length = Math.min(content.length - position, MAX_WHITESPACE);
            for (int i = position; i < position + length; i++) {
                if (!isSpace(content[i])) {
                    throw new ArmorException("trailing data after the armor footer");
                }
            }
            if (length == MAX_WHITESPACE) {
                throw new ArmorException("too much trailing whitespace");
            }
        }
    }

    /** The armor is malformed; the message is a short reason without any of the data. */
    static final class ArmorException extends Exception {
        private static final long serialVersionUID = 1L;

        ArmorException(String reason) {
            super(reason);
        }
    }
}
