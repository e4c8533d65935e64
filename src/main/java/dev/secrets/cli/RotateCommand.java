package dev.secrets.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.secrets.app.InitPlaybook;
import dev.secrets.app.RotateCredentials;
import dev.secrets.app.RotationSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets rotate}: credentials on their servers (playbook), and the data key and recipients. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Rotate credentials on their servers following the playbook, then the data key.",
        footer = {"", "Examples:",
                "  secrets rotate .env.enc --init           # write secrets-playbook.yaml from the key names",
                "  secrets rotate .env.enc --all --dry-run  # the plan; nothing is touched",
                "  secrets rotate .env.enc --all            # every credential, then a fresh data key",
                "  secrets rotate .env.enc REDIS_PASSWORD   # just this one",
                "  secrets rotate .env.enc --all --json > report.json",
                "Exit: 0 all done, 41 some manual credentials pending, 40 some failed (see the report)."})
final class RotateCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "KEY", description = "Credentials to rotate (default with --all: every one).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--all", description = "Rotate every credential of the playbook, then the data key.")
    boolean all;

    @Option(names = "--dry-run", description = "Print the plan and touch nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print a machine-readable report on stdout.")
    boolean json;

    @Option(names = "--playbook", paramLabel = "FILE", description = "The playbook (default: secrets-playbook.yaml beside FILE).")
    Path playbook;

    @Option(names = "--init", description = "Write a commented playbook guessed from the file's key names.")
    boolean init;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    RotateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (init) {
            Path written = InitPlaybook.run(file, playbook, context.env);
            context.err.println("secrets: wrote " + written + "; review it, then run 'secrets rotate " + file + " --all --dry-run'");
            return ExitCode.OK.code();
        }
        if (!all && keys.isEmpty()) {
            throw new dev.secrets.app.UsageException(dev.secrets.app.UsageException.Kind.CONFLICT,
                    "name the credentials to rotate, or pass --all (or --init, or --data-key)");
        }
        RotationSummary summary = RotateCredentials.run(new RotateCredentials.Request(file, playbook,
                all ? List.of() : keys, dryRun, identities.files), context.env, context.clock,
                TerminalPrompt.forContext(context), (key, step, detail) -> {
                    context.err.println("  " + key + ": " + step + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
                    context.err.flush();
                });
        print(summary);
        switch (summary.outcome()) {
            case DONE: return ExitCode.OK.code();
            case PENDING_MANUAL: return ExitCode.ROTATION_PENDING_MANUAL.code();
            default: return ExitCode.ROTATION_FAILED.code();
        }
    }

    private void print(RotationSummary summary) throws Exception {
        if (json) {
            context.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(summary.json()).concat("\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        context.err.println(summary.dryRun() ? "plan:" : "result:");
        for (RotationSummary.Line line : summary.lines()) {
            context.err.println(String.format("  %-28s %-15s %-10s file %-9s %s", line.key(), line.status(), line.applier(),
                    line.fileChanged() ? "updated" : "unchanged", line.detail() == null ? "" : line.detail()));
            if (line.hint() != null) {
                context.err.println("      hint: " + line.hint());
            }
        }
        summary.notes().forEach(n -> context.err.println("  note: " + n));
        context.err.flush();
    }
}
