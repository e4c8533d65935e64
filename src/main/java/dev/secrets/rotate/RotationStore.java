package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.io.IOException;

/**
 * Where rotated values are kept (the encrypted file). Implemented by the file layer; the orchestrator does not
 * know the format.
 */
public interface RotationStore {
    /** Keeps a copy of the current (encrypted) file; called once, before the first change of a run. */
    void backup() throws IOException;

    /**
     * Atomically rewrites the store with {@code key} set to {@code newValue} and every other value unchanged.
     * After it returns the change is durable; when it throws the store is unchanged.
     */
    void commit(String key, SecretBytes newValue) throws IOException;
}
