package dev.secrets.cli;

import dev.secrets.app.EditSession;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The terminal question after an invalid edit, asked with jline (loaded only when this class is first used,
 * which is only after an invalid edit at a terminal). Anything but yes, including Ctrl-C, Ctrl-D or a broken
 * terminal, means no: the text is then saved aside encrypted.
 */
final class JlinePrompt implements EditSession.Prompt {
    private final PrintWriter err;

    private JlinePrompt(PrintWriter err) {
        this.err = err;
    }

    /** A prompt when this process has a terminal, else null (then an invalid edit is saved aside at once). */
    static EditSession.Prompt ifTerminal(PrintWriter err) {
        return System.console() != null ? new JlinePrompt(err) : null;
    }

    @Override
    public boolean reopen(String problem) {
        err.println("secrets: " + problem);
        err.flush();
        String answer = TerminalPrompt.readLine("Reopen the editor to fix it? [Y/n] ");
        if (answer == null) {
            return false; // Ctrl-C, Ctrl-D or no usable terminal: no
        }
        answer = answer.trim().toLowerCase(Locale.ROOT);
        return answer.isEmpty() || answer.equals("y") || answer.equals("yes");
    }
}
