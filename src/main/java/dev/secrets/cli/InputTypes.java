package dev.secrets.cli;

import dev.secrets.app.UsageException;

/** Checks {@code --input-type}: sops silently ignores unknown values; we refuse them. */
final class InputTypes {
    private InputTypes() {
    }

    static void requireDotenv(String inputType) throws UsageException {
        if (inputType != null && !inputType.equals("dotenv")) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "--input-type [" + inputType
                    + "] is not supported: secrets reads dotenv files only");
        }
    }
}
