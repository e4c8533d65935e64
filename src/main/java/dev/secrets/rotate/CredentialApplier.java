package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;

/**
 * Puts a credential's new value into effect on the system that checks it. The orchestrator calls
 * {@link #apply}, then {@link #verify}, and on a failure {@link #rollback}; after a crash it uses {@link #probe}
 * to learn which of the old and new values the server accepts.
 *
 * <p>Guarantees asked of implementations: no value ever appears in a message, log or argument list; apply is
 * idempotent (applying the same new value twice is harmless); every network operation has a time limit.
 */
public interface CredentialApplier {

    /** What this applier changes, in words that name key names, never values. */
    String describe();

    /**
     * Makes {@code context.newValue()} the accepted value (and, where the server allows, the old one refused).
     *
     * @throws ApplyException when it could not; {@link ApplyException#serverMayHaveChanged()} says whether the
     *     server might already hold the new value
     */
    void apply(ApplyContext context) throws ApplyException;

    /** Checks that the new value is accepted and the old one (when present) refused; no-op when it cannot tell. */
    void verify(ApplyContext context) throws ApplyException;

    /**
     * Puts the old value back after {@link #apply}. Returns {@code false} when this applier cannot roll back
     * (no old value, or the system has no way), {@code true} when the old value is accepted again.
     */
    boolean rollback(ApplyContext context) throws ApplyException;

    /** Asks the server whether it accepts {@code candidate} now, without changing anything. */
    Acceptance probe(ApplyContext context, SecretBytes candidate) throws ApplyException;
}
