package dev.secrets.cli;

import dev.secrets.app.UnsetValue;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets unset}. */
@Command(name = "unset", mixinStandardHelpOptions = true,
        description = "Remove a key (every occurrence), atomically; other values keep their ciphertext.",
        footer = {"", "Examples:",
                "  secrets unset .env.enc OLD_API_KEY",
                "  secrets unset .env.enc OLD_API_KEY --idempotent   # exit 0 if it is already gone",
                "Exit 90 when the key is missing (without --idempotent)."})
final class UnsetCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Parameters(index = "1", paramLabel = "KEY", description = "The key to remove.")
    String key;

    @Option(names = "--idempotent", description = "A missing key is not an error.")
    boolean idempotent;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    UnsetCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        UnsetValue.Result result = UnsetValue.run(new UnsetValue.Request(file, key, idempotent, identities.files),
                context.env, context.clock);
        Reporter.done(context, global, result.removed() == 0 ? "[" + key + "] was not in [" + file + "]; nothing "
                + "written" : "removed [" + key + "] from [" + file + "]", Json.object("command", "unset", "file",
                file.toString(), "key", key, "removed", result.removed()));
        return ExitCode.OK.code();
    }
}
