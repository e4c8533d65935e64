package dev.secrets.vcs;

import dev.secrets.sops.SopsException;
import java.util.List;

/**
 * A file holds an unresolved merge conflict: git's line markers in the encrypted text (a merge made without the
 * {@code secrets} driver), or the driver's marked values of conflicting keys. Names keys, never values. A
 * {@link SopsException} because the document cannot be read as it is, so every command's error path has it.
 */
public final class MergeConflictException extends SopsException {
    private static final long serialVersionUID = 1L;
    private final List<String> keys;
    private final String hint;

    /** A conflict on {@code keys} (may be empty when only metadata differs), with the recipe in {@code hint}. */
    public MergeConflictException(String message, List<String> keys, String hint) {
        super(message, null);
        this.keys = List.copyOf(keys);
        this.hint = hint;
    }

    /** The conflicting keys, in file order. */
    public List<String> keys() {
        return keys;
    }

    /** How to resolve it. */
    public String hint() {
        return hint;
    }
}
