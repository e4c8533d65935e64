package dev.secrets.sops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The {@code lastmodified} time: written in UTC to the second, and the MAC's AAD as Go formats RFC 3339. */
public final class LastModified {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private LastModified() {
    }

    /** {@code now} as sops writes it: {@code 2024-03-26T00:43:54Z}. */
    public static String format(Instant now) {
        return SECONDS.format(now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)) + "Z";
    }

    /**
     * The AAD of the MAC for a stored value: re-formatted as Go's {@code time.RFC3339} (fraction dropped, offset
     * kept, {@code Z} for zero), so {@code …T10:00:00.5Z} and {@code …T10:00:00+00:00} give {@code …T10:00:00Z}.
     *
     * @throws SopsException.InvalidMetadata when the value is not an RFC 3339 time
     */
    public static String macAad(String stored) throws SopsException {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(stored.trim());
        } catch (DateTimeParseException e) {
            throw new SopsException.InvalidMetadata("sops_lastmodified [" + stored + "] is not an RFC 3339 time");
        }
        String offset = time.getOffset().getTotalSeconds() == 0 ? "Z" : time.getOffset().getId();
        return SECONDS.format(time) + offset;
    }
}
