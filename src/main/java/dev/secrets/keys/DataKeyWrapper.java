package dev.secrets.keys;

import dev.secrets.secret.SecretBytes;

/** Wraps a data key for one recipient; implementations never keep the data key. */
public interface DataKeyWrapper {
    /** The master key type this wrapper handles, e.g. {@code age}. */
    String type();

    /**
     * Wraps {@code dataKey} so that only the holder of {@code recipient}'s identity can unwrap it.
     *
     * @throws KeyException.InvalidRecipient when {@code recipient} is not a valid public key of this type
     */
    WrappedKey wrap(String recipient, SecretBytes dataKey) throws KeyException;
}
