package dev.secrets.cli;

import dev.secrets.app.KeyQuestions;
import dev.secrets.secret.SecretBytes;
import java.io.Console;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Answers keys' questions (identity-file and SSH key passphrases, age plugins' prompts) on the terminal through
 * jline, echo off for secrets. Whether there is a terminal is decided when asking, so a command that needs no
 * passphrase never touches jline.
 */
final class TerminalPassphrase implements KeyQuestions {
    private final Context context;

    private TerminalPassphrase(Context context) {
        this.context = context;
    }

    /** Installs the terminal questions, and the environment plugins run in, for this process. */
    static void install(Context context) {
        KeyQuestions.install(context.env, new TerminalPassphrase(context));
    }

    @Override
    public Optional<SecretBytes> secret(String prompt) {
        if (!hasTerminal()) {
            return Optional.empty();
        }
        String line = TerminalPrompt.readHidden(prompt);
        return line == null ? Optional.empty() : Optional.of(SecretBytes.adopt(line.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<String> line(String prompt) {
        return hasTerminal() ? Optional.ofNullable(TerminalPrompt.readLine(prompt)) : Optional.empty();
    }

    @Override
    public void message(String text) {
        context.err.println(text);
        context.err.flush();
    }

    /** A console that is a real terminal (Java 22+ gives a console for redirected streams too: ask it). */
    static boolean hasTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console exists only for a terminal
        }
    }
}
