package dev.secrets.cli;

import dev.secrets.app.Doctor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets doctor}. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check a repository against the hardening checklists: git hygiene, encrypted files,"
                + " weak/reused values, production flags, key permissions, playbook and rotation ages.",
        footer = {"", "Examples:",
                "  secrets doctor                 # the repository of the current folder",
                "  secrets doctor --json ../api   # for CI",
                "  secrets doctor --warn-only     # report, exit 0",
                "Exit 33 when a check fails. Each check is explained in docs/doctor.md."})
final class DoctorCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A folder in the repository.")
    Path path;


    @Option(names = "--warn-only", description = "Report failures but exit 0.")
    boolean warnOnly;

    @Option(names = "--production", paramLabel = "REGEX",
            description = "File names that say production (default: prod or production as a word).")
    Pattern production;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    DoctorCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Doctor.Result result = Doctor.run(new Doctor.Request(path, identities.files, production), context.env,
                context.clock);
        String text = global.json ? FindingsPrinter.json(result.findings(), result.failed())
                : FindingsPrinter.table(result.findings());
        context.write(text.getBytes(StandardCharsets.UTF_8));
        return result.failed() && !warnOnly ? ExitCode.CHECKS_FAILED.code() : ExitCode.OK.code();
    }
}
