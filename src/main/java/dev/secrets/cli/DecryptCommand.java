package dev.secrets.cli;

import dev.secrets.app.DecryptFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets decrypt}. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Decrypt a SOPS file (written by sops or secrets) and verify its MAC.",
        footer = {"", "Examples:",
                "  secrets decrypt .env.enc                 # to stdout",
                "  secrets decrypt .env.enc -o .env         # atomically, mode 0600",
                "  secrets decrypt .env.enc --extract DB_PASSWORD",
                "  cat .env.enc | secrets decrypt - --input-type dotenv"})
final class DecryptCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file, or - for stdin.")
    String file;

    @Mixin OutputOptions output;
    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    @Option(names = "--extract", paramLabel = "KEY",
            description = "Print only KEY's value (raw, no newline). sops's [\"KEY\"] form is accepted too.")
    String extract;

    @Option(names = "--ignore-mac", description = "Do not verify the MAC (prints a warning).")
    boolean ignoreMac;

    @Option(names = "--input-type", paramLabel = "TYPE",
            description = "Input format: dotenv, yaml, json, ini or binary (default: by file name, then content).")
    String inputType;

    @Option(names = "--output-type", paramLabel = "TYPE", description = "Plaintext format (default: the input's).")
    String outputType;

    DecryptCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        InputTypes.check("--input-type", inputType);
        InputTypes.check("--output-type", outputType);
        boolean stdin = "-".equals(file);
        DecryptFile.Result result = DecryptFile.run(new DecryptFile.Request(stdin ? null : Path.of(file),
                stdin ? context.readStdin() : null, output.resolve(file), output.inPlace, KeyNames.fromExtract(extract), ignoreMac,
                identities.files, inputType, outputType), context.env);
        Verbose.print(context, global, result.notes());
        Verbose.warnings(context, result.warnings());
        if (result.plaintext() != null) {
            context.write(result.plaintext());
        } else {
            Reporter.done(context, global, null, Json.object("command", "decrypt", "file", file, "output",
                    String.valueOf(output.resolve(file))));
        }
        return ExitCode.OK.code();
    }
}
