package dev.secrets.age;

import dev.secrets.secret.SecretBytes;
import java.util.Optional;

/**
 * What an age plugin may ask of the person at the terminal (C2SP age-plugin: {@code msg}, {@code confirm},
 * {@code request-public}, {@code request-secret}). The command line installs a jline implementation; without a
 * terminal every question answers empty and the plugin is told {@code fail}.
 */
public interface PluginUi {
    /** No terminal: messages are dropped and questions are declined. */
    PluginUi NONE = new PluginUi() {
    };

    /** Shows a message from plugin {@code plugin}. */
    default void message(String plugin, String text) {
    }

    /** Asks for a secret (echo off); empty when declined or impossible. */
    default Optional<SecretBytes> secret(String plugin, String prompt) {
        return Optional.empty();
    }

    /** Asks for a public value; empty when declined or impossible. */
    default Optional<String> publicValue(String plugin, String prompt) {
        return Optional.empty();
    }

    /** Asks to choose between {@code yes} and {@code no} (no may be null); empty when impossible. */
    default Optional<Boolean> confirm(String plugin, String prompt, String yes, String no) {
        return Optional.empty();
    }
}
