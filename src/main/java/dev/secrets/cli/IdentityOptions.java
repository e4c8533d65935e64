package dev.secrets.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --identity FILE}, repeatable, for commands that decrypt. */
final class IdentityOptions {
    @Option(names = {"--identity"}, paramLabel = "FILE",
            description = "An age identity file (or OpenSSH ed25519 key) to try, in addition to SOPS_AGE_KEY, "
                    + "SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, SOPS_AGE_SSH_PRIVATE_KEY_FILE (else ~/.ssh/id_ed25519) "
                    + "and ~/.config/sops/age/keys.txt. Repeatable.")
    List<Path> files = new ArrayList<>();
}
