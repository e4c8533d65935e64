package dev.secrets.cli;

import dev.secrets.app.SecretPrompt;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Hidden input on the user's terminal through jline, loaded only when a prompt is really needed. Without a
 * real terminal (a script, CI) it answers nothing, so manual steps are reported as pending.
 */
final class TerminalPrompt implements SecretPrompt {
    private final Context context;

    TerminalPrompt(Context context) {
        this.context = context;
    }

    /** A prompt when stdin and stderr are a terminal, else {@link SecretPrompt#NONE}. */
    static SecretPrompt forContext(Context context) {
        return System.console() != null ? new TerminalPrompt(context) : SecretPrompt.NONE;
    }

    @Override
    public Optional<SecretBytes> read(String key, String instructions) {
        context.err.println();
        context.err.println(key + ": " + instructions);
        context.err.flush();
        try (org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(true).build()) {
            org.jline.reader.LineReader reader = org.jline.reader.LineReaderBuilder.builder().terminal(terminal).build();
            String line = reader.readLine("new value for " + key + " (empty to skip): ", '*');
            if (line == null || line.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(SecretBytes.adopt(line.getBytes(StandardCharsets.UTF_8)));
        } catch (org.jline.reader.UserInterruptException | org.jline.reader.EndOfFileException | IOException e) {
            return Optional.empty();
        }
    }
}
