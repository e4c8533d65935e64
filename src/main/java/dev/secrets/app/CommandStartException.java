package dev.secrets.app;

/** {@code secrets exec} could not start the command (not found, not executable, no private folder). */
public final class CommandStartException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The command {@code program} could not be started because of {@code cause}. */
    public CommandStartException(String program, Exception cause) {
        super("cannot run [" + program + "]: " + (cause instanceof java.io.IOException io
                ? dev.secrets.io.StartFailures.describe(io) : "it could not be started"), cause);
    }
}
