package dev.secrets.cli;

import dev.secrets.app.ExecWithSecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets exec}. */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a command with the decrypted values in its environment (nothing written to disk).",
        footer = {"", "Examples:",
                "  secrets exec .env.enc -- ./server --port 8080",
                "  secrets exec .env.enc --no-inherit --only DB_URL -- env",
                "  secrets exec .env.enc --file app.env -- docker compose --env-file {} up -d",
                "  curl -s https://vault.example/app.env.enc | secrets exec - -- ./server",
                "Exits with the command's status (128+n when signal n ended it); SIGTERM, SIGINT and SIGHUP",
                "are forwarded to it. See docs/commands/exec.md."})
final class ExecCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file, or - for stdin (the command then gets an empty stdin).")
    String file;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Option(names = "--no-inherit", description = "Start the command with only the decrypted values (no PATH, HOME...).")
    boolean noInherit;

    @Option(names = "--file", paramLabel = "NAME",
            description = "Pass the values as a private 0600 file NAME instead; {} in the arguments becomes its path. "
                    + "Deleted when the command exits.")
    String fileName;

    @Option(names = "--format", paramLabel = "F", description = "Format of the --file (default dotenv).")
    String format;

    @Mixin SelectionOptions selection;
    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    ExecCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        context.err.flush();
        boolean stdin = "-".equals(file);
        return ExecWithSecrets.run(new ExecWithSecrets.Request(stdin ? null : Path.of(file),
                stdin ? context.readStdin() : null, command, !noInherit, fileName, format,
                selection.only, selection.except, selection.path, identities.files), context.env, context::warn);
    }
}
