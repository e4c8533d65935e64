package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.util.Optional;

/**
 * Asks a person for a credential issued elsewhere. The CLI implements it with a hidden jline prompt; without a
 * terminal use {@link #UNAVAILABLE}, and manual credentials are reported as pending.
 */
@FunctionalInterface
public interface ManualInput {
    /** Never asks: every manual credential stays pending. */
    ManualInput UNAVAILABLE = (key, instructions) -> Optional.empty();

    /**
     * Shows {@code instructions} for {@code key} and reads the new value without echo. Empty when the person
     * declined or no terminal is available. The caller owns (and destroys) the returned secret.
     */
    Optional<SecretBytes> read(String key, String instructions);
}
