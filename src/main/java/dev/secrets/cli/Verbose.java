package dev.secrets.cli;

import java.util.List;

/** Prints {@code --verbose} notes and warnings to stderr. */
final class Verbose {
    private Verbose() {
    }

    static void print(Context context, GlobalOptions global, List<String> notes) {
        if (global.verbose && !context.quiet) {
            notes.forEach(n -> context.err.println("secrets: " + n));
            context.err.flush();
        }
    }

    static void warnings(Context context, List<String> warnings) {
        warnings.forEach(context::warn);
    }
}
