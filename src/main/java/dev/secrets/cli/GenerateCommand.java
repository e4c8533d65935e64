package dev.secrets.cli;

import dev.secrets.app.GenerateSecret;
import dev.secrets.app.UsageException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secrets generate}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Print random secrets from SecureRandom, one per line (default: 32 bytes as base64, like "
                + "openssl rand -base64 32).",
        footer = {"", "Examples:",
                "  secrets generate",
                "  secrets generate --encoding hex --bytes 16",
                "  secrets generate --encoding alnum    # 43 letters and digits: 256 bits",
                "  secrets generate --count 5 --encoding base64url",
                "Fewer than 16 bytes is refused without --allow-weak."})
final class GenerateCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--bytes", paramLabel = "N", description = "Random bytes per secret (default 32).")
    int bytes = SecretGenerator.DEFAULT_BYTES;

    @Option(names = "--encoding", paramLabel = "ENC", description = "hex, base64 (default), base64url or alnum.")
    String encoding = "base64";

    @Option(names = "--count", paramLabel = "N", description = "How many secrets (default 1).")
    int count = 1;

    @Option(names = "--allow-weak", description = "Allow fewer than 16 bytes.")
    boolean allowWeak;

    @Mixin GlobalOptions global;

    GenerateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        SecretGenerator.Encoding parsed;
        try {
            parsed = SecretGenerator.Encoding.parse(encoding);
        } catch (IllegalArgumentException e) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, e.getMessage());
        }
        GenerateSecret.Result result = GenerateSecret.run(new GenerateSecret.Request(
                new GenerateSecret.Spec(bytes, parsed, allowWeak), count));
        byte[] newline = "\n".getBytes(StandardCharsets.US_ASCII);
        for (SecretBytes secret : result.secrets()) {
            byte[] text = secret.copy();
            context.write(text);
            context.write(newline);
            SecretBytes.wipe(text);
            secret.destroy();
        }
        return ExitCode.OK.code();
    }
}
