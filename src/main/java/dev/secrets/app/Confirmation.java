package dev.secrets.app;

/**
 * Asks the person running a command whether to apply a change of recipients. The CLI implements it with a
 * terminal prompt, a line read from stdin, or {@code --yes}.
 */
@FunctionalInterface
public interface Confirmation {
    /** Applies every change without asking. */
    Confirmation ALWAYS = (file, change) -> true;

    /**
     * Shows {@code change} for {@code file} and returns true to apply it; false (declined, no answer, end of
     * input) leaves the file untouched.
     */
    boolean confirm(String file, KeyChange change);
}
