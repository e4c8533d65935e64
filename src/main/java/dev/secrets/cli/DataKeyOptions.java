package dev.secrets.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code rotate --data-key [--add-age R] [--rm-age R]}: a new data key, optionally changing recipients. */
final class DataKeyOptions {
    @Option(names = "--data-key", description = "Only replace the data key and re-encrypt every value (sops rotate).")
    boolean dataKey;

    @Option(names = "--add-age", split = ",", paramLabel = "RECIPIENT", description = "With --data-key: add a recipient.")
    List<String> addAge = new ArrayList<>();

    @Option(names = "--rm-age", split = ",", paramLabel = "RECIPIENT", description = "With --data-key: remove a recipient.")
    List<String> rmAge = new ArrayList<>();
}
