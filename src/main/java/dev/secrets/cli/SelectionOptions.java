package dev.secrets.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --only KEY...} / {@code --except KEY...} and {@code --path PATH} for commands that hand out decrypted
 * values.
 */
final class SelectionOptions {
    @Option(names = "--only", paramLabel = "KEY", arity = "1..*", split = ",",
            description = "Only these keys (repeatable or comma-separated). A key not in the file is an error.")
    List<String> only = new ArrayList<>();

    @Option(names = "--except", paramLabel = "KEY", arity = "1..*", split = ",",
            description = "All keys but these. A key not in the file is an error.")
    List<String> except = new ArrayList<>();

    @Option(names = "--path", paramLabel = "PATH",
            description = "In a YAML, JSON or INI file: the values of this mapping, as [\"db\"] or db (sops's "
                    + "[\"a\"][0] syntax or a dotted path; an INI section by its name).")
    String path;
}
