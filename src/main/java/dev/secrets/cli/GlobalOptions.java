package dev.secrets.cli;

import picocli.CommandLine.Option;

/**
 * Options every command accepts, before or after its name ({@code secrets -q set ...} or {@code secrets set -q ...}).
 * A new command gets all of them, and their behaviour, by declaring {@code @Mixin GlobalOptions global;} and
 * saying what it did through {@link Reporter#done}; errors are reported for it by {@link Main}.
 */
final class GlobalOptions {
    /** The flags {@link Main} also accepts before the command name (it moves them after it). */
    static final java.util.List<String> NAMES = java.util.List.of("--debug", "-v", "--verbose", "-q", "--quiet",
            "--json");

    @Option(names = "--debug", description = "Print stack traces on errors (never secret values).")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, description = "Say which config, rule and identities were used.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print no notes or warnings on stderr; errors still are.")
    boolean quiet;

    @Option(names = "--json", description = "Report what was done (and errors) as JSON; see docs/json.md.")
    boolean json;
}
