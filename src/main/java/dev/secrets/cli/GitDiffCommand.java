package dev.secrets.cli;

import dev.secrets.app.GitDiffText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets git diff}: git's textconv. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Print an encrypted file's decrypted lines without its metadata, for git's textconv "
                + "(git diff, git log -p, git show). Without an identity: key names with <encrypted>.",
        footer = {"", "Examples:",
                "  secrets git diff .env.enc",
                "  secrets git diff --mask .env.enc",
                "  git config diff.secrets.textconv 'secrets git diff'   # what setup writes"})
final class GitDiffCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file (git passes a temporary copy).")
    Path file;

    @Option(names = "--mask",
            description = "Show a short fingerprint keyed by the file's data key instead of each value.")
    boolean mask;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    GitDiffCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        context.write(GitDiffText.run(new GitDiffText.Request(file, mask, identities.files), context.env));
        return ExitCode.OK.code();
    }
}
