package dev.secrets.age;

import dev.secrets.keys.KeyException;
import java.security.GeneralSecurityException;

/**
 * Carries a key failure (wrong passphrase of an SSH key, no terminal, a plugin that is missing or failed) from
 * inside a jagged stanza reader or writer, whose methods may throw only {@link GeneralSecurityException}, out to
 * {@link AgeIdentities} and {@link AgeEncryption}, which rethrow the {@link KeyException} itself.
 */
final class KeyFailureException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final transient KeyException reason;

    KeyFailureException(KeyException reason) {
        super(reason.getMessage());
        this.reason = reason;
    }

    KeyException reason() {
        return reason;
    }
}
