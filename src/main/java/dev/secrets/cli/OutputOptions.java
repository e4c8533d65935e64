package dev.secrets.cli;

import dev.secrets.app.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -o OUT} or {@code -i}: where a command's result goes (stdout when neither). */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the result to OUT (atomically); - is stdout.")
    Path output;

    @Option(names = {"-i", "--in-place"}, description = "Replace the input file (atomically, mode kept).")
    boolean inPlace;

    /** The output path for {@code input}, or null for stdout. */
    Path resolve(String input) throws UsageException {
        if (inPlace && output != null) {
            throw new UsageException(UsageException.Kind.CONFLICT, "-i and -o cannot be used together");
        }
        if (inPlace && "-".equals(input)) {
            throw new UsageException(UsageException.Kind.CONFLICT, "-i cannot be used with stdin");
        }
        // `-o -` is stdout, as in age and sops: never a plaintext file named "-".
        return inPlace ? Path.of(input) : output != null && output.toString().equals("-") ? null : output;
    }
}
