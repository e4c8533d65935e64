package dev.secrets.cli;

import dev.secrets.app.Confirmation;
import dev.secrets.app.KeyChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Shows a recipient change on stderr and asks whether to apply it: with {@code --yes} it does not ask; on a
 * terminal it asks with jline; otherwise it reads one line from stdin. Only {@code y} or {@code yes} applies.
 */
final class ChangePrompt implements Confirmation {
    private static final int MAX_ANSWER = 1024;
    private final Context context;
    private final boolean yes;

    ChangePrompt(Context context, boolean yes) {
        this.context = context;
        this.yes = yes;
    }

    @Override
    public boolean confirm(String file, KeyChange change) {
        context.err.println("secrets: [" + file + "] recipients change:");
        change.describe().forEach(line -> context.err.println("  " + line));
        context.err.flush();
        if (yes) {
            return true;
        }
        String prompt = "Apply these changes to [" + file + "]? [y/N] ";
        String answer = context.in == System.in && System.console() != null
                ? TerminalPrompt.readLine(prompt) : plainLine(prompt);
        return answer != null && (answer.trim().equalsIgnoreCase("y")
                || answer.trim().toLowerCase(Locale.ROOT).equals("yes"));
    }

    /** Reads one line byte by byte, so the next prompt gets the next line; null at end of input. */
    private String plainLine(String prompt) {
        context.err.print(prompt);
        context.err.flush();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = context.in.read(); b != '\n'; b = context.in.read()) {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() < MAX_ANSWER) {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
