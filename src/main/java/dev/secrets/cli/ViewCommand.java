package dev.secrets.cli;

import dev.secrets.app.ViewFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets view}. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = "Print the whole decrypted file (plain dotenv) to stdout, after verifying its MAC.",
        footer = {"", "Examples:",
                "  secrets view .env.enc",
                "  secrets view .env.enc | less",
                "  secrets view prod.env --identity ~/keys/prod.txt"})
final class ViewCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    ViewCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ViewFile.Result result = ViewFile.run(new ViewFile.Request(file, identities.files,
                "-".equals(file.toString()) ? context.readStdin() : null), context.env);
        Verbose.warnings(context, result.warnings());
        context.write(result.plaintext());
        return ExitCode.OK.code();
    }
}
