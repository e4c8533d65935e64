package dev.secrets.cli;

import dev.secrets.app.Formats;
import dev.secrets.app.UsageException;

/** Checks {@code --input-type}/{@code --output-type}: sops silently ignores unknown values; we refuse them. */
final class InputTypes {
    private InputTypes() {
    }

    /** Refuses a {@code type} (given as {@code option}) that is not one of the formats. */
    static void check(String option, String type) throws UsageException {
        if (type != null && !Formats.STORES.contains(type)) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, option + " [" + type
                    + "] is not a format; use one of " + String.join(", ", Formats.STORES));
        }
    }
}
