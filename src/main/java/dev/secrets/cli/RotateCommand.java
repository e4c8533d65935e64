package dev.secrets.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code secrets rotate}: for now only {@code --data-key} (sops's {@code rotate}). */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Rotate a file's data key (--data-key), optionally adding and removing age recipients.",
        footer = {"", "Examples:",
                "  secrets rotate .env.enc --data-key",
                "  secrets rotate .env.enc --data-key --rm-age age1old... --add-age age1new...",
                "Every value is re-encrypted under a new 32-byte data key with fresh",
                "IVs; the MAC is verified first and the file is replaced atomically."})
final class RotateCommand implements Callable<Integer> {
    private final Context context;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Option(names = "--data-key", description = "Replace the data key and re-encrypt every value.")
    boolean dataKey;

    @Option(names = "--add-age", split = ",", paramLabel = "RECIPIENT",
            description = "With --data-key: add an age recipient to the first key group. Repeatable.")
    List<String> addAge = new ArrayList<>();

    @Option(names = "--rm-age", split = ",", paramLabel = "RECIPIENT",
            description = "With --data-key: remove an age recipient from every key group. Repeatable.")
    List<String> rmAge = new ArrayList<>();

    @Option(names = "--keep-data-key", description = "Do not replace the data key at the end (not with --data-key).")
    boolean keepDataKey;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    RotateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (dataKey) {
            return rotateDataKey();
        }
        throw new ParameterException(spec.commandLine(), "nothing to rotate: give --data-key");
    }

    private int rotateDataKey() throws Exception {
        if (keepDataKey) {
            throw new ParameterException(spec.commandLine(), "--keep-data-key cannot be combined with --data-key");
        }
        return RotateDataKey.run(context, global, file, addAge, rmAge, identities.files);
    }
}
