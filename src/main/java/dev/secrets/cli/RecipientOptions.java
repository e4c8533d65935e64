package dev.secrets.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --age} and {@code --config}: who a new file is encrypted for. */
final class RecipientOptions {
    @Option(names = {"-a", "--age"}, split = ",", paramLabel = "RECIPIENT",
            description = "age recipients (comma-separated or repeated); override SOPS_AGE_RECIPIENTS and .sops.yaml.")
    List<String> age = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Use this .sops.yaml instead of searching.")
    Path config;
}
