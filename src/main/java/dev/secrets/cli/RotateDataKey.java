package dev.secrets.cli;

import dev.secrets.app.DataKeyRotation;
import java.nio.file.Path;
import java.util.List;

/** The {@code --data-key} part of {@code secrets rotate}: calls {@link DataKeyRotation} and prints the outcome. */
final class RotateDataKey {
    private RotateDataKey() {
    }

    /** Rotates {@code file}'s data key, adding and removing recipients; returns the exit code. */
    static int run(Context context, GlobalOptions global, Path file, List<String> addAge, List<String> rmAge,
            List<Path> identities, boolean yes) throws Exception {
        DataKeyRotation.Result result = DataKeyRotation.run(new DataKeyRotation.Request(file, addAge, rmAge,
                identities, yes), context.env, context.clock);
        Verbose.print(context, global, result.notes());
        Verbose.warnings(context, result.warnings());
        if (!result.change().recipientsUnchanged() && !global.json && !context.quiet) {
            context.err.println("secrets: [" + file + "] recipients changed:");
            result.change().describe().forEach(line -> context.err.println("  " + line));
        }
        Reporter.done(context, global, "[" + file + "] has a new data key; every value was re-encrypted",
                Json.object("command", "rotate", "file", file.toString(), "dataKeyRotated", true,
                        "recipients", KeyChangeJson.of(result.change())));
        return ExitCode.OK.code();
    }
}
