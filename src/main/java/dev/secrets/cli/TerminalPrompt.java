package dev.secrets.cli;

import dev.secrets.app.SecretPrompt;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Questions on the user's terminal through jline, kept apart so jline loads only when a prompt is really shown.
 * Without a real terminal (a script, CI) secret prompts answer nothing, so manual steps are reported as pending.
 */
final class TerminalPrompt implements SecretPrompt {
    private final Context context;

    private TerminalPrompt(Context context) {
        this.context = context;
    }

    /** A secret prompt when there is a terminal, else {@link SecretPrompt#NONE}. */
    static SecretPrompt forContext(Context context) {
        return System.console() != null ? new TerminalPrompt(context) : SecretPrompt.NONE;
    }

    /** The answer, or null on Ctrl-C, Ctrl-D or when the terminal cannot be opened. */
    static String readLine(String prompt) {
        return ask(prompt, null);
    }

    /** A line read with echo off (nothing shown while typing), or null as {@link #readLine}. */
    static String readHidden(String prompt) {
        return ask(prompt, org.jline.reader.impl.LineReaderImpl.NULL_MASK);
    }

    @Override
    public Optional<SecretBytes> read(String key, String instructions) {
        context.err.println();
        context.err.println(key + ": " + instructions);
        context.err.flush();
        String line = ask("new value for " + key + " (empty to skip): ", '*');
        if (line == null || line.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SecretBytes.adopt(line.getBytes(StandardCharsets.UTF_8)));
    }

    private static String ask(String prompt, Character mask) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            return reader.readLine(prompt, mask);
        } catch (IOException | RuntimeException e) {
            return null; // Ctrl-C and Ctrl-D (jline runtime exceptions), or an unusable terminal: no answer
        }
    }
}
