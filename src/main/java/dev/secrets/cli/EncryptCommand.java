package dev.secrets.cli;

import dev.secrets.app.EncryptFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets encrypt}. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = "Encrypt a plain dotenv file into the SOPS format (age recipients).",
        footer = {"", "Examples:",
                "  secrets encrypt .env -o .env.enc",
                "  secrets encrypt --age age1... prod.env -i",
                "  cat .env | secrets encrypt - --input-type dotenv --filename-override prod.env > prod.env.enc",
                "Recipients come from --age, else SOPS_AGE_RECIPIENTS, else the first matching creation rule of",
                "the .sops.yaml found in the file's folder or above it."})
final class EncryptCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The plain dotenv file, or - for stdin.")
    String file;

    @Mixin OutputOptions output;
    @Mixin GlobalOptions global;

    @Mixin RecipientOptions recipients;

    @Option(names = "--filename-override", paramLabel = "PATH",
            description = "Match creation rules against PATH (needed for stdin).")
    Path filenameOverride;

    @Option(names = "--input-type", paramLabel = "TYPE",
            description = "Input format: dotenv, yaml, json, ini or binary (default: by file name; other names are dotenv).")
    String inputType;

    @Option(names = "--output-type", paramLabel = "TYPE", description = "Encrypted file's format (default: the input's).")
    String outputType;

    @Option(names = "--mac-only-encrypted", description = "Compute the MAC over encrypted values only.")
    boolean macOnlyEncrypted;

    @ArgGroup(exclusive = true)
    SelectorOptions selector;

    EncryptCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        InputTypes.check("--input-type", inputType);
        InputTypes.check("--output-type", outputType);
        boolean stdin = "-".equals(file);
        Path target = filenameOverride != null ? filenameOverride : stdin ? null : Path.of(file);
        EncryptFile.Result result = EncryptFile.run(new EncryptFile.Request(stdin ? null : Path.of(file),
                stdin ? context.readStdin() : null, target, output.resolve(file), recipients.age, recipients.config,
                selector == null ? Map.of() : selector.asMap(), macOnlyEncrypted, inputType, outputType), context.env,
                context.clock);
        Verbose.print(context, global, result.notes());
        Verbose.warnings(context, result.warnings());
        if (result.encrypted() != null) {
            context.write(result.encrypted());
        } else {
            Reporter.done(context, global, null, Json.object("command", "encrypt", "file", file, "output",
                    String.valueOf(output.resolve(file))));
        }
        return ExitCode.OK.code();
    }
}
