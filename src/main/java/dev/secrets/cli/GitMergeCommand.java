package dev.secrets.cli;

import dev.secrets.app.GitMerge;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets git merge}: git's merge driver. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Three-way merge of an encrypted file per key (per path in YAML and JSON), for git's merge "
                + "driver: writes the result over OURS; a key changed differently on both sides is left marked for "
                + "'secrets edit' (exit 80).",
        footer = {"", "Examples:",
                "  git config merge.secrets.driver 'secrets git merge %%O %%A %%B %%P'   # what setup writes",
                "  secrets git merge base.env.enc ours.env.enc theirs.env.enc .env.enc"})
final class GitMergeCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "BASE", description = "The common ancestor (%%O; may be empty).")
    Path base;

    @Parameters(index = "1", paramLabel = "OURS", description = "Our version (%%A), replaced by the result.")
    Path ours;

    @Parameters(index = "2", paramLabel = "THEIRS", description = "Their version (%%B).")
    Path theirs;

    @Parameters(index = "3", arity = "0..1", paramLabel = "NAME",
            description = "The path in the repository (%%P); its suffix picks the store.")
    String name;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    GitMergeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        String shown = name != null ? name : ours.toString();
        GitMerge.Result result = GitMerge.run(new GitMerge.Request(base, ours, theirs, shown, identities.files),
                context.env, context.clock);
        result.notes().forEach(n -> context.err.println("secrets: " + n));
        if (result.conflicts().isEmpty()) {
            context.err.flush();
            return ExitCode.OK.code();
        }
        context.err.println("secrets: merge conflict in [" + shown + "] on keys " + result.conflicts()
                + " (both values kept, marked)");
        context.err.println("hint: run 'secrets edit " + shown + "', keep one value of each key and delete the "
                + "marker lines, then 'git add " + shown + "' and commit");
        context.err.flush();
        return ExitCode.MERGE_CONFLICT.code();
    }
}
