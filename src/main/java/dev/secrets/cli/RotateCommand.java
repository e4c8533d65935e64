package dev.secrets.cli;

import dev.secrets.app.InitPlaybook;
import dev.secrets.app.RotateCredentials;
import dev.secrets.app.RotationSummary;
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

/** {@code secrets rotate}: credentials on their servers (playbook), and the data key and recipients. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Rotate credentials on their servers following the playbook, then the data key.",
        footer = {"", "Examples:",
                "  secrets rotate .env.enc --init           # write secrets-playbook.yaml from the key names",
                "  secrets rotate .env.enc --all --dry-run  # the plan; nothing is touched",
                "  secrets rotate .env.enc --all            # every credential, then a fresh data key",
                "  secrets rotate .env.enc REDIS_PASSWORD   # just this one",
                "  secrets rotate .env.enc --data-key --rm-age age1old... --add-age age1new...",
                "Exit: 0 all done, 41 some manual credentials pending, 40 some failed (see the report)."})
final class RotateCommand implements Callable<Integer> {
    private final Context context;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "KEY", description = "Credentials to rotate.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--all", description = "Every credential of the playbook, then the data key.")
    boolean all;

    @Option(names = "--dry-run", description = "Print the plan and touch nothing.")
    boolean dryRun;

    @Option(names = "--playbook", paramLabel = "FILE", description = "Default: secrets-playbook.yaml beside FILE.")
    Path playbook;

    @Option(names = "--init", description = "Write a commented playbook guessed from the file's key names.")
    boolean init;

    @Mixin DataKeyOptions dataKeyOptions;

    @Option(names = "--keep-data-key", description = "With --all: keep the data key after the credentials.")
    boolean keepDataKey;

    @Option(names = {"-y", "--yes"}, description = "Give the new data key also to recipients .sops.yaml does not name.")
    boolean yes;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    RotateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (init) {
            InitPlaybook.Result written = InitPlaybook.run(file, playbook, identities.files, context.env);
            written.notes().forEach(context::note);
            Reporter.done(context, global, "wrote " + written.playbook() + "; review it, then run 'secrets rotate "
                    + file + " --all --dry-run'", Json.object("command", "rotate", "file", file.toString(), "playbook",
                    written.playbook().toString(), "notes", written.notes()));
            return ExitCode.OK.code();
        }
        if (dataKeyOptions.dataKey) {
            if (keepDataKey || all || !keys.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--data-key stands alone (no --all, KEY or --keep-data-key)");
            }
            return RotateDataKey.run(context, global, file, dataKeyOptions.addAge, dataKeyOptions.rmAge, identities.files,
                    yes);
        }
        if (!all && keys.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to rotate: give --all, KEY..., --data-key or --init");
        }
        RotationSummary summary = RotateCredentials.run(new RotateCredentials.Request(file, playbook,
                all ? List.of() : keys, dryRun, all && !keepDataKey, identities.files, yes), context.env, context.clock,
                TerminalPrompt.forContext(context), RotationPrinter.progress(context));
        RotationPrinter.print(context, summary, global.json);
        switch (summary.outcome()) {
            case DONE: return ExitCode.OK.code();
            case PENDING_MANUAL: return ExitCode.ROTATION_PENDING_MANUAL.code();
            default: return ExitCode.ROTATION_FAILED.code();
        }
    }
}
