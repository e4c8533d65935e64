package dev.secrets.cli;

import dev.secrets.app.RevokeReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets revoke-report}. */
@Command(name = "revoke-report", mixinStandardHelpOptions = true,
        description = "List every credential a recipient could ever decrypt (from the encrypted files' git"
                + " history) and which of them are still current: what to rotate after someone leaves.",
        footer = {"", "Examples:",
                "  secrets revoke-report age1...                 # every encrypted file of the repository",
                "  secrets revoke-report bob --json              # a name from a .sops.yaml comment",
                "  secrets rotate app.env.enc $(secrets revoke-report bob --file app.env.enc --keys-only)",
                "Exit 33 when something the recipient could read is still current."})
final class RevokeReportCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "RECIPIENT", description = "The age recipient, or its name.")
    String recipient;

    @Option(names = "--file", paramLabel = "FILE", description = "Only this encrypted file (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--keys-only", description = "Print only the still-current keys, one a line (for rotate).")
    boolean keysOnly;


    @Option(names = "-C", paramLabel = "PATH", description = "A folder in the repository (default: here).")
    Path path;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    RevokeReportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        RevokeReport.Result result = RevokeReport.run(new RevokeReport.Request(path, recipient, files,
                identities.files), context.env);
        Verbose.warnings(context, result.warnings());
        StringBuilder out = new StringBuilder();
        if (keysOnly) {
            result.exposures().stream().filter(RevokeReport.Exposure::current)
                    .forEach(e -> out.append(e.key()).append('\n'));
        } else if (global.json) {
            List<Object> credentials = new ArrayList<>();
            for (RevokeReport.Exposure e : result.exposures()) {
                credentials.add(Json.object("file", e.file(), "key", e.key(), "current", e.current(),
                        "first_commit", e.firstCommit(), "last_commit", e.lastCommit()));
            }
            out.append(Json.line(Json.object("recipient", result.recipient(), "credentials", credentials,
                    "data_key_still_held", result.dataKeyStillHeld())));
        } else {
            for (RevokeReport.Exposure e : result.exposures()) {
                out.append(e.file()).append(':').append(e.key()).append("  ")
                        .append(e.current() ? "CURRENT: rotate it" : "retired").append("  (readable ")
                        .append(e.firstCommit()).append("..").append(e.lastCommit()).append(")\n");
            }
            for (String file : result.dataKeyStillHeld()) {
                out.append(file).append("  its current data key was readable: 'secrets rotate ").append(file)
                        .append(" --data-key'\n");
            }
        }
        context.write(out.toString().getBytes(StandardCharsets.UTF_8));
        return result.anyCurrent() ? ExitCode.CHECKS_FAILED.code() : ExitCode.OK.code();
    }
}
