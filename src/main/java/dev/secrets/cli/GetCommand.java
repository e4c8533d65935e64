package dev.secrets.cli;

import dev.secrets.app.GetValue;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets get}. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print one value, raw (no quotes, no trailing newline), for scripts.",
        footer = {"", "Examples:",
                "  secrets get .env.enc DB_PASSWORD",
                "  PGPASSWORD=\"$(secrets get prod.env DB_PASSWORD)\" psql ...",
                "Exit 90 when the key is not in the file."})
final class GetCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Parameters(index = "1", paramLabel = "KEY", description = "The key (its first occurrence).")
    String key;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    GetCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        GetValue.Result result = GetValue.run(new GetValue.Request(file, KeyNames.fromExtract(key), identities.files,
                "-".equals(file.toString()) ? context.readStdin() : null), context.env);
        Verbose.warnings(context, result.warnings());
        context.write(result.value());
        return ExitCode.OK.code();
    }
}
