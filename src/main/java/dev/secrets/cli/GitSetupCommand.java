package dev.secrets.cli;

import dev.secrets.app.GitSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secrets git setup}. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Write the .gitattributes lines and the diff/merge driver config, and install the pre-commit "
                + "hook (an existing hook is kept and run first). Safe to run again.",
        footer = {"", "Examples:",
                "  secrets git setup",
                "  secrets git setup --check",
                "  secrets git setup --mask --pattern 'config/*.env'",
                "  secrets git setup --global --command /opt/secrets/bin/secrets"})
final class GitSetupCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--global", description = "Set up your user config and attributes file instead of this "
            + "repository (the hook is per repository: run setup in each one for it).")
    boolean global;

    @Option(names = "--check", description = "Only say what is and is not set up (exit 82 when something is missing).")
    boolean check;

    @Option(names = "--mask", description = "Diffs show a short keyed fingerprint of each value instead of the value.")
    boolean mask;

    @Option(names = "--command", paramLabel = "CMD", description = "How git runs secrets (default: secrets on PATH).")
    String command;

    @Option(names = "--pattern", paramLabel = "GLOB", description = "An attributes pattern of encrypted files "
            + "(default: *.env.enc and *.enc.env). Repeatable.")
    List<String> patterns = new ArrayList<>();

    @Mixin GlobalOptions globalOptions;

    GitSetupCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        GitSetup.Result result = GitSetup.run(new GitSetup.Request(global, check, mask, command, patterns),
                context.env);
        for (GitSetup.Item item : result.items()) {
            context.err.println((item.ok() ? "ok       " : "missing  ") + item.name() + ": " + item.detail());
        }
        context.err.flush();
        return result.complete() ? ExitCode.OK.code() : ExitCode.GIT_SETUP_INCOMPLETE.code();
    }
}
