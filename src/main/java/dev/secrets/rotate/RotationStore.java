package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.util.Map;

/**
 * Where rotated values are kept (the encrypted file). Implemented by the file layer; the orchestrator does not
 * know the format.
 */
public interface RotationStore {
    /** Keeps a copy of the current (encrypted) file; called once, before the first change of a run. */
    void backup() throws IOException;

    /**
     * Atomically rewrites the store with each key of {@code changes} set to its value (a credential and the
     * values holding copies of it) and every other value unchanged. After it returns the change is durable; when
     * it throws the store is unchanged. The caller keeps ownership of the values.
     */
    void commit(Map<String, SecretBytes> changes) throws IOException;
}
