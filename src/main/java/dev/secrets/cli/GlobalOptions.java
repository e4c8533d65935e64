package dev.secrets.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
final class GlobalOptions {
    @Option(names = "--debug", description = "Print stack traces on errors (never secret values).")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, description = "Say which config, rule and identities were used.")
    boolean verbose;
}
