package dev.secrets.rotate.shell;

import dev.secrets.io.Environment;
import dev.secrets.rotate.ApplySpec;
import dev.secrets.rotate.CredentialApplier;

/** Makes the command applier (the implementation is package-private). */
public final class CommandAppliers {
    private CommandAppliers() {
    }

    /** The applier for {@code spec}; {@code environment} supplies PATH, HOME, LANG and TMPDIR to the child. */
    public static CredentialApplier create(ApplySpec.Command spec, Environment environment) {
        return new CommandApplier(spec, environment);
    }
}
