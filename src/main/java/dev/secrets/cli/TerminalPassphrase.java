package dev.secrets.cli;

import dev.secrets.age.PassphrasePrompt;
import dev.secrets.secret.SecretBytes;
import java.io.Console;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks for identity-file passphrases on the terminal through jline, echo off. Whether there is a terminal is
 * decided when asking, so a command that needs no passphrase never touches jline.
 */
final class TerminalPassphrase implements PassphrasePrompt {
    private TerminalPassphrase() {
    }

    /** Installs the terminal prompt for this process. */
    static void install() {
        PassphrasePrompt.install(new TerminalPassphrase());
    }

    @Override
    public Optional<SecretBytes> ask(String prompt) {
        if (!hasTerminal()) {
            return Optional.empty();
        }
        String line = TerminalPrompt.readHidden(prompt);
        return line == null ? Optional.empty() : Optional.of(SecretBytes.adopt(line.getBytes(StandardCharsets.UTF_8)));
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
