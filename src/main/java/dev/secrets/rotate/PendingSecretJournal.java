package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Crash safety for a rotation. Before a new value is applied to a server it is {@link #record recorded} here
 * (encrypted by the implementation, durable when the call returns); once the store holds it, it is
 * {@link #clear cleared}. A pending entry found at the start of a run means a crash between apply and commit:
 * the orchestrator asks the server which value it accepts and commits that one.
 *
 * <p>The journal also remembers which keys a run (identified by its selection) already rotated, so running the
 * same command again resumes instead of rotating them twice. Key names are not secret; values are.
 */
public interface PendingSecretJournal {
    /** Durably records {@code newValue} as pending for {@code key} (replacing an earlier pending value). */
    void record(String key, SecretBytes newValue) throws IOException;

    /** The pending value of {@code key}; the caller owns (and destroys) it. */
    Optional<SecretBytes> pending(String key) throws IOException;

    /** Keys with a pending value, in recording order. */
    Set<String> pendingKeys() throws IOException;

    /** Forgets the pending value of {@code key} (a no-op when there is none). */
    void clear(String key) throws IOException;

    /** Notes that run {@code runId} rotated and committed {@code key}. */
    void markRotated(String runId, String key) throws IOException;

    /** Keys run {@code runId} already rotated (empty for a new run). */
    Set<String> rotatedIn(String runId) throws IOException;

    /** Forgets run {@code runId}'s progress: it completed. */
    void finishRun(String runId) throws IOException;
}
