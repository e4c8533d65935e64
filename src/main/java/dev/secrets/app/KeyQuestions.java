package dev.secrets.app;

import dev.secrets.age.AgePlugins;
import dev.secrets.age.PassphrasePrompt;
import dev.secrets.age.PluginUi;
import dev.secrets.io.Environment;
import dev.secrets.secret.SecretBytes;
import java.util.Optional;

/**
 * The questions keys may need answered by the person at the terminal while a command runs: the passphrase of an
 * identity file or SSH key, and an age plugin's messages, confirmations and requests. The command line
 * implements it (jline) and {@link #install}s it once per run, with the environment plugins run in.
 */
public interface KeyQuestions {
    /** Reads a secret with echo off; empty without a terminal or when declined. */
    Optional<SecretBytes> secret(String prompt);

    /** Reads a line shown as typed; empty without a terminal or when declined. */
    Optional<String> line(String prompt);

    /** Shows a message. */
    void message(String text);

    /** Installs {@code questions} for passphrases and plugins, and {@code env} as the plugins' environment. */
    static void install(Environment env, KeyQuestions questions) {
        PassphrasePrompt.install(questions::secret);
        AgePlugins.install(env, new PluginUi() {
            @Override
            public void message(String plugin, String text) {
                questions.message(plugin + ": " + text);
            }

            @Override
            public Optional<SecretBytes> secret(String plugin, String prompt) {
                return questions.secret(plugin + ": " + prompt + " ");
            }

            @Override
            public Optional<String> publicValue(String plugin, String prompt) {
                return questions.line(plugin + ": " + prompt + " ");
            }

            @Override
            public Optional<Boolean> confirm(String plugin, String prompt, String yes, String no) {
                String choices = no == null ? "[" + yes + "]" : "[" + yes + "/" + no + "]";
                return questions.line(plugin + ": " + prompt + " " + choices + " ")
                        .map(answer -> no == null || !answer.strip().equalsIgnoreCase(no));
            }
        });
    }
}
