package dev.secrets.age;

import dev.secrets.secret.SecretBytes;
import java.util.Optional;

/**
 * Asks the person at the terminal for a passphrase (of a passphrase-encrypted identity file), without echo.
 * The command line installs one that uses jline when there is a terminal; without one (scripts, CI) nothing can
 * be asked and the identity file fails with {@link dev.secrets.keys.KeyException.PassphraseUnavailable}.
 */
@FunctionalInterface
public interface PassphrasePrompt {
    /** Nothing can be asked. */
    PassphrasePrompt NONE = prompt -> Optional.empty();

    /**
     * Shows {@code prompt} and reads a passphrase.
     *
     * @return the passphrase (the caller destroys it), or empty when there is no terminal or the user gave up
     */
    Optional<SecretBytes> ask(String prompt);

    /** Uses {@code prompt} for every identity file read from now on in this process (set once by the CLI). */
    static void install(PassphrasePrompt prompt) {
        Installed.prompt = prompt == null ? NONE : prompt;
    }

    /** The installed prompt, {@link #NONE} until one is installed. */
    static PassphrasePrompt installed() {
        return Installed.prompt;
    }

    /** Holds the process's prompt. */
    final class Installed {
        private static volatile PassphrasePrompt prompt = NONE;

        private Installed() {
        }
    }
}
