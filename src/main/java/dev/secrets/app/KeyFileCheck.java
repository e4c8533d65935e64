package dev.secrets.app;

import dev.secrets.age.IdentityDiscovery;
import dev.secrets.io.Environment;
import java.util.Optional;

/** The start-of-run check of the identity settings that every command warns about, whichever key it ends up using. */
public final class KeyFileCheck {
    private KeyFileCheck() {
    }

    /** A one-line warning when {@code SOPS_AGE_KEY_FILE} names a missing file, else empty. */
    public static Optional<String> warning(Environment env) {
        return IdentityDiscovery.missingKeyFileWarning(env);
    }
}
