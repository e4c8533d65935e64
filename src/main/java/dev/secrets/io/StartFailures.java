package dev.secrets.io;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human text for a program that could not be started: the JDK says {@code Cannot run program "x": error=2, No
 * such file or directory}; users should read {@code not found on PATH}.
 */
public final class StartFailures {
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+), (.*)");

    private StartFailures() {
    }

    /** Why {@code e} (from {@link ProcessBuilder#start()}) happened, in words, without Java names. */
    public static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = ERRNO.matcher(message);
        if (!m.find()) {
            return "it could not be started";
        }
        switch (m.group(1)) {
            case "2": return "not found (not on PATH, or no such file)";
            case "13": return "permission denied (not executable?)";
            case "8": return "not an executable file (a script without #! line?)";
            default: return m.group(2).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
