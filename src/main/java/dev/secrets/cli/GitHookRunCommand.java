package dev.secrets.cli;

import dev.secrets.app.GitHookCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code secrets git hook run}: the pre-commit guard. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Check the staged files: refuse plaintext env files, private keys, values that should be "
                + "encrypted but are not, MAC failures and merge conflicts (exit 81). Bypass: git commit --no-verify.",
        footer = {"", "Examples:",
                "  secrets git hook run",
                "  git commit --no-verify     # skip the hook once"})
final class GitHookRunCommand implements Callable<Integer> {
    private final Context context;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    GitHookRunCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        GitHookCheck.Result result = GitHookCheck.run(new GitHookCheck.Request(identities.files), context.env);
        result.notes().forEach(context::warn);
        result.problems().forEach(p -> context.err.println("secrets: refused: " + p));
        if (!result.problems().isEmpty()) {
            context.err.println("hint: fix the files above and commit again ('git commit --no-verify' skips this "
                    + "check)");
        }
        context.err.flush();
        return result.problems().isEmpty() ? ExitCode.OK.code() : ExitCode.HOOK_REFUSED.code();
    }
}
