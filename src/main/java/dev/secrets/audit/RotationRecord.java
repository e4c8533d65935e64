package dev.secrets.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * When each credential of one encrypted file last changed: metadata only, never a value. Kept beside the file as
 * {@code .FILE.rotations} (commit it, so every clone knows the ages). Text, one {@code KEY TIME} line per key
 * (UTC, ISO-8601), after a header line; {@code #} lines are comments.
 *
 * @param changed the last change of each key
 */
public record RotationRecord(Map<String, Instant> changed) {
    /** The first line of every record. */
    public static final String HEADER = "# secrets rotation record v1: when each key last changed (never a value)";
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final int MAX_LINES = 100_000;

    /** Sorts and copies. */
    public RotationRecord {
        changed = Collections.unmodifiableMap(new TreeMap<>(changed));
    }

    /** A record with nothing in it. */
    public static RotationRecord empty() {
        return new RotationRecord(Map.of());
    }

    /** The record is not in the format above; names the line. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String source, int line, String message) {
            super("[" + source + "] line " + line + ": " + message);
        }
    }

    /** Parses {@code bytes}; {@code source} names the file in messages. */
    public static RotationRecord parse(byte[] bytes, String source) throws MalformedException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Map<String, Instant> changed = new TreeMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (number > MAX_LINES) {
                throw new MalformedException(source, number, "more than " + MAX_LINES + " lines");
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || !KEY.matcher(parts[0]).matches()) {
                throw new MalformedException(source, number, "expected KEY TIME");
            }
            try {
                changed.merge(parts[0], Instant.parse(parts[1]), (a, b) -> a.isAfter(b) ? a : b);
            } catch (DateTimeParseException e) {
                throw new MalformedException(source, number, "the time is not an ISO-8601 UTC instant");
            }
        }
        return new RotationRecord(changed);
    }

    /** The record with {@code key} changed at {@code when}. */
    public RotationRecord with(String key, Instant when) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a key name");
        }
        Map<String, Instant> next = new TreeMap<>(changed);
        next.put(key, when);
        return new RotationRecord(next);
    }

    /** The text form, which {@link #parse} reads back. */
    public byte[] emit() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        changed.forEach((key, when) -> out.append(key).append(' ').append(when).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
