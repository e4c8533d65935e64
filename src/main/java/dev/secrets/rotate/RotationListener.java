package dev.secrets.rotate;

/** Progress of a rotation, one event per step of each credential (for the CLI's progress lines). */
@FunctionalInterface
public interface RotationListener {
    /** Ignores every event. */
    RotationListener SILENT = (key, step, detail) -> { };

    /** The steps of one credential. */
    enum Step {
        /** Checking a value left pending by an interrupted run. */
        RECOVERING,
        /** Making or asking for the new value. */
        GENERATING,
        /** Sending it to the server. */
        APPLYING,
        /** Checking new accepted, old refused. */
        VERIFYING,
        /** Writing it to the encrypted file. */
        COMMITTING,
        /** Putting the old value back after a failure. */
        ROLLING_BACK,
        /** Finished with this credential; {@code detail} is its status. */
        DONE
    }

    /** Called before each step; {@code detail} is a short text without values. */
    void onStep(String key, Step step, String detail);
}
