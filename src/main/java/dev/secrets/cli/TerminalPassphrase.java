package dev.secrets.cli;

import dev.secrets.age.AgePlugins;
import dev.secrets.age.PassphrasePrompt;
import dev.secrets.age.PluginUi;
import dev.secrets.secret.SecretBytes;
import java.io.Console;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks for identity-file and SSH key passphrases, and answers age plugins' questions, on the terminal through
 * jline, echo off for secrets. Whether there is a terminal is decided when asking, so a command that needs no
 * passphrase never touches jline.
 */
final class TerminalPassphrase implements PassphrasePrompt, PluginUi {
    private final Context context;

    private TerminalPassphrase(Context context) {
        this.context = context;
    }

    /** Installs the terminal prompt, and the environment plugins run in, for this process. */
    static void install(Context context) {
        TerminalPassphrase terminal = new TerminalPassphrase(context);
        PassphrasePrompt.install(terminal);
        AgePlugins.install(context.env, terminal);
    }

    @Override
    public void message(String plugin, String text) {
        context.err.println(plugin + ": " + text);
        context.err.flush();
    }

    @Override
    public Optional<SecretBytes> secret(String plugin, String prompt) {
        return ask(plugin + ": " + prompt + " ");
    }

    @Override
    public Optional<String> publicValue(String plugin, String prompt) {
        String line = hasTerminal() ? TerminalPrompt.readLine(plugin + ": " + prompt + " ") : null;
        return Optional.ofNullable(line);
    }

    @Override
    public Optional<Boolean> confirm(String plugin, String prompt, String yes, String no) {
        if (!hasTerminal()) {
            return Optional.empty();
        }
        String choices = no == null ? "[" + yes + "]" : "[" + yes + "/" + no + "]";
        String line = TerminalPrompt.readLine(plugin + ": " + prompt + " " + choices + " ");
        if (line == null) {
            return Optional.empty();
        }
        return Optional.of(no == null || !line.strip().equalsIgnoreCase(no));
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
