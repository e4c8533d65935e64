package dev.secrets.app;

import dev.secrets.secret.SecretBytes;
import java.util.Optional;

/** Asks a person for a secret (hidden input). The CLI implements it with jline; without a terminal, none. */
@FunctionalInterface
public interface SecretPrompt {
    /** No terminal: nothing can be asked. */
    SecretPrompt NONE = (key, instructions) -> Optional.empty();

    /** Shows {@code instructions} for {@code key} and reads a value without echo; empty when declined. */
    Optional<SecretBytes> read(String key, String instructions);
}
