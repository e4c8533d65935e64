package dev.secrets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code secrets git}: the parent of the git integration commands. */
@Command(name = "git", mixinStandardHelpOptions = true,
        description = "Git that understands encrypted files: decrypted diffs, a per-key merge driver and a "
                + "pre-commit guard (docs/git.md).",
        footer = {"", "Examples:",
                "  secrets git setup                 # this repository: attributes, drivers, pre-commit hook",
                "  secrets git setup --check         # what is and is not set up",
                "  secrets git setup --global        # your user config (hooks stay per repository)",
                "  git log -p -- .env.enc            # decrypted line changes once set up"})
final class GitCommand implements Runnable {
    @Mixin GlobalOptions global;

    private GitCommand() {
    }

    /** The command with its subcommands. */
    static CommandLine create(Context context) {
        CommandLine hook = new CommandLine(new GitHookCommand())
                .addSubcommand("run", new GitHookRunCommand(context));
        return new CommandLine(new GitCommand())
                .addSubcommand("setup", new GitSetupCommand(context))
                .addSubcommand("diff", new GitDiffCommand(context))
                .addSubcommand("merge", new GitMergeCommand(context))
                .addSubcommand("hook", hook);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a git command is required (setup, diff, "
                + "merge, hook run)");
    }

    /** {@code secrets git hook}: the parent of {@code run}. */
    @Command(name = "hook", mixinStandardHelpOptions = true, description = "The pre-commit guard.",
            footer = {"", "Examples:", "  secrets git hook run     # what .git/hooks/pre-commit calls"})
    static final class GitHookCommand implements Runnable {
        @Mixin GlobalOptions global;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(new CommandLine(this), "did you mean 'secrets git hook run'?");
        }
    }
}
