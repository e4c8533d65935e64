package dev.secrets.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * A command line that does not parse: one line naming the problem, then "did you mean" for a mistyped command or
 * option (picocli's suggestions from the command model), then where the usage is; exit 64. With {@code --json},
 * the same as one JSON object on stderr (docs/json.md).
 */
final class UsageErrors {
    private UsageErrors() {
    }

    static int report(CommandLine.ParameterException e, PrintWriter err, String jsonCommand) {
        String hint = "run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage";
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                hint = "did you mean " + String.join(" or ", suggestions.stream().limit(3).map(s -> "'" + s + "'")
                        .toList()) + "? (" + hint + ")";
            }
        }
        if (jsonCommand != null) {
            err.println(Json.write(Reporter.error(jsonCommand, ExitCode.USAGE, e.getMessage(), hint)));
        } else {
            err.println("secrets: " + e.getMessage());
            err.println("hint: " + hint);
        }
        err.flush();
        return ExitCode.USAGE.code();
    }
}
