package dev.secrets.cli;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** A one-line question on the terminal with jline; kept apart so jline loads only when a prompt is shown. */
final class TerminalPrompt {
    private TerminalPrompt() {
    }

    /** The answer, or null on Ctrl-C, Ctrl-D or when the terminal cannot be opened. */
    static String readLine(String prompt) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            return reader.readLine(prompt);
        } catch (UserInterruptException | EndOfFileException | IOException e) {
            return null;
        }
    }
}
