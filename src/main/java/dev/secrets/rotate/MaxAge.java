package dev.secrets.rotate;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A playbook {@code max_age}: a whole number of hours, days, weeks or years ({@code 36h}, {@code 90d}, {@code 12w}, {@code 1y}). */
public final class MaxAge {
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})(h|d|w|y)");

    private MaxAge() {
    }

    /** The duration {@code text} names, or null when it is not in the form above. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            case "w":
                return Duration.ofDays(7 * n);
            default:
                return Duration.ofDays(365 * n);
        }
    }

    /** The shortest text {@link #parse} reads back as {@code age}, in days (or hours below a day). */
    public static String format(Duration age) {
        return age.toDays() >= 1 ? age.toDays() + "d" : Math.max(0, age.toHours()) + "h";
    }
}
