package dev.secrets.cli;

import dev.secrets.app.GenerateKeyPair;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets keygen}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate an age X25519 identity (or --pq: post-quantum hybrid) in age-keygen's format "
                        + "(mode 0600; never overwrites).",
                "Without -o it is appended to the sops keys file (~/.config/sops/age/keys.txt), keeping the "
                        + "identities already there."},
        footer = {"", "Examples:",
                "  secrets keygen                        # append to the sops keys file",
                "  secrets keygen -o ~/keys/ci.txt       # a new file; refused if it exists",
                "  secrets keygen -o -                   # print the identity",
                "  secrets keygen --pq -o ~/keys/pq.txt  # a post-quantum hybrid identity (age1pq1...)",
                "  secrets keygen -y ~/keys/ci.txt       # print its recipients (age1...)"})
final class KeygenCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (must not exist), or - for stdout.")
    String output;

    @Option(names = "-y", description = "Print the recipient of each identity in INPUT (or stdin) instead.")
    boolean recipients;

    @Option(names = "--pq", description = "Generate a post-quantum hybrid identity (ML-KEM-768 + X25519, "
            + "recipient age1pq1...), as age-keygen -pq does.")
    boolean pq;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "The identity file for -y (- or none: stdin).")
    String input;

    @Mixin GlobalOptions global;

    KeygenCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (recipients) {
            boolean stdin = input == null || "-".equals(input);
            List<String> found = GenerateKeyPair.recipientsOf(stdin ? null : Path.of(input),
                    stdin ? context.readStdin() : null, context.env);
            context.write((String.join("\n", found) + "\n").getBytes(StandardCharsets.US_ASCII));
            return ExitCode.OK.code();
        }
        if (input != null) {
            throw new dev.secrets.app.UsageException(dev.secrets.app.UsageException.Kind.CONFLICT,
                    "INPUT is only used with -y");
        }
        boolean toStdout = "-".equals(output);
        GenerateKeyPair.Result result = GenerateKeyPair.run(new GenerateKeyPair.Request(
                toStdout || output == null ? null : Path.of(output), toStdout, pq), context.env, context.clock);
        if (result.identity() != null) {
            byte[] text = result.identity().copy();
            context.write(text);
            SecretBytes.wipe(text);
            result.identity().destroy();
        }
        if (global.json) {
            Reporter.done(context, global, null, Json.object("command", "keygen", "file", result.file() == null ? null
                    : result.file().toString(), "appended", result.appended(), "recipient", result.recipient()));
            return ExitCode.OK.code();
        }
        if (result.identity() == null && !context.quiet) {
            context.err.println("secrets: " + (result.appended() ? "appended a new identity to [" : "wrote a new identity to [")
                    + result.file() + "]");
        }
        // The public key is printed even with --quiet: it is what the command is for.
        context.err.println("Public key: " + result.recipient());
        context.err.flush();
        return ExitCode.OK.code();
    }
}
