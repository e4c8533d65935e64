package dev.secrets.sops.store;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code unicode.IsSpace} and {@code strings.TrimSpace}, which go-ini applies around keys, values and
 * comments: ASCII tab to carriage return and space, U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029,
 * U+202F, U+205F and U+3000 (not U+FEFF nor U+200B). On bytes held as ISO-8859-1 text a space is its whole UTF-8
 * sequence: a lone 0x85 or 0xA0 byte is invalid UTF-8 to Go, so it is kept.
 */
final class GoSpace {
    private static final int[] MULTI_BYTE = {0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
        0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000};
    private static final String[] SEQUENCES = new String[MULTI_BYTE.length];

    static {
        for (int i = 0; i < MULTI_BYTE.length; i++) {
            SEQUENCES[i] = new String(Character.toString(MULTI_BYTE[i]).getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
        }
    }

    private GoSpace() {
    }

    /** Go's {@code unicode.IsSpace} of one code point. */
    static boolean isSpace(int codePoint) {
        if (codePoint < 0x80) {
            return codePoint == ' ' || codePoint >= '\t' && codePoint <= '\r';
        }
        for (int space : MULTI_BYTE) {
            if (space == codePoint) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code strings.TrimSpace} of decoded text. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** The length of the space whose UTF-8 bytes start at {@code i} of {@code bytes} (ISO-8859-1 text), or 0. */
    static int spaceAt(String bytes, int i) {
        char c = bytes.charAt(i);
        if (c < 0x80) {
            return isSpace(c) ? 1 : 0;
        }
        for (String sequence : SEQUENCES) {
            if (bytes.startsWith(sequence, i)) {
                return sequence.length();
            }
        }
        return 0;
    }

    /** The length of the space whose UTF-8 bytes end at {@code end} of {@code bytes}, or 0. */
    static int spaceBefore(String bytes, int end) {
        char c = bytes.charAt(end - 1);
        if (c < 0x80) {
            return isSpace(c) ? 1 : 0;
        }
        for (String sequence : SEQUENCES) {
            if (bytes.startsWith(sequence, end - sequence.length()) && end >= sequence.length()) {
                return sequence.length();
            }
        }
        return 0;
    }

    /** {@code bytes} (ISO-8859-1 text of UTF-8) without the leading spaces Go's {@code TrimLeftFunc} removes. */
    static String trimLeftBytes(String bytes) {
        int i = 0;
        int n;
        while (i < bytes.length() && (n = spaceAt(bytes, i)) > 0) {
            i += n;
        }
        return bytes.substring(i);
    }

    /** {@code bytes} without the leading and trailing spaces Go's {@code strings.TrimSpace} removes. */
    static String trimBytes(String bytes) {
        int end = bytes.length();
        int n;
        while (end > 0 && (n = spaceBefore(bytes, end)) > 0) {
            end -= n;
        }
        return trimLeftBytes(bytes.substring(0, end));
    }
}
