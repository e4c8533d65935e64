package dev.secrets.cli;

import dev.secrets.app.EditSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

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
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            String answer = reader.readLine("Reopen the editor to fix it? [Y/n] ").trim().toLowerCase(Locale.ROOT);
            return answer.isEmpty() || answer.equals("y") || answer.equals("yes");
        } catch (IOException | RuntimeException e) {
            // Includes Ctrl-C (UserInterruptException) and Ctrl-D (EndOfFileException): both mean no.
            return false;
        }
    }
}
