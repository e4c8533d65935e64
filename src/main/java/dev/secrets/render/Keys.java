package dev.secrets.render;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the formats: safe display of keys, strict UTF-8, last-wins de-duplication. */
final class Keys {
    private Keys() {
    }

    /** A key as it may appear in a message: control and non-ASCII characters escaped, long keys cut. */
    static String display(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(80).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%x}", cp));
            }
        });
        if (key.codePointCount(0, key.length()) > 80) {
            out.append("...");
        }
        return out.toString();
    }

    /** Decodes {@code value} as strict UTF-8, or returns null when it is not valid UTF-8. */
    static String strictUtf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether {@code value} contains a zero byte. */
    static boolean containsNul(byte[] value) {
        for (byte b : value) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * One entry per key, the last value winning (as when a shell or docker compose reads duplicates in order);
     * the survivor takes the place of the key's first occurrence.
     */
    static List<RenderEntry> lastWins(List<RenderEntry> entries) {
        Map<String, RenderEntry> byKey = new LinkedHashMap<>();
        for (RenderEntry entry : entries) {
            byKey.put(entry.key(), entry);
        }
        return new ArrayList<>(byKey.values());
    }
}
