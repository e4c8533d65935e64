package dev.secrets.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code secrets completion SHELL}: prints the completion script, generated from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script (commands, options, files and the file's key names).",
        footer = {"", "Examples:",
                "  source <(secrets completion bash)                  # try it in this shell",
                "  secrets completion bash > ~/.local/share/bash-completion/completions/secrets",
                "  secrets completion zsh > ~/.zfunc/_secrets         # with fpath+=(~/.zfunc) in .zshrc",
                "  secrets completion fish > ~/.config/fish/completions/secrets.fish",
                "scripts/install.sh installs all three. Key names come from the file without decrypting it."})
final class CompletionCommand implements Callable<Integer> {
    private final Context context;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    CompletionScripts.Shell shell;

    CompletionCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.write(CompletionScripts.script(shell, spec.root()).getBytes(StandardCharsets.UTF_8));
        return ExitCode.OK.code();
    }
}
