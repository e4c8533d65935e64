package dev.secrets.cli;

import dev.secrets.app.EditSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets edit}. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit an encrypted file in your editor; only changed values get new ciphertext.",
                "The plaintext lives in a private temporary file (memory-backed when possible) that is wiped on "
                        + "every exit, also on Ctrl-C or SIGTERM. An invalid edit is never lost: it is saved "
                        + "encrypted beside the file as FILE.rejected-TIME.age."},
        footer = {"", "Examples:",
                "  secrets edit .env.enc              # $SOPS_EDITOR, $VISUAL, $EDITOR, vi, nano",
                "  EDITOR='code --wait' secrets edit prod.env",
                "  secrets edit new.env --age age1... # a new file, from a template",
                "  secrets edit .env.enc --from .env.enc.rejected-20260101T120000Z.age",
                "Exit: 0 saved, 200 unchanged, 201 editor failed, 204 invalid edit saved aside,",
                "205 file changed on disk (edit saved aside), 206 another edit holds the lock."})
final class EditCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file (created if missing).")
    Path file;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    @Mixin RecipientOptions recipients;

    @Option(names = "--ignore-mac", description = "Open a file whose MAC does not verify (prints a warning).")
    boolean ignoreMac;

    @Option(names = "--from", paramLabel = "REJECTED",
            description = "Start from a saved FILE.rejected-*.age instead of the file's content.")
    Path from;

    EditCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        EditSession.Result result = EditSession.run(new EditSession.Request(file, recipients.age, recipients.config,
                identities.files, ignoreMac, from), context.env, context.clock, JlinePrompt.ifTerminal(context.err));
        Verbose.print(context, global, result.notes());
        Verbose.warnings(context, result.warnings());
        String outcome = result.outcome().name().toLowerCase(java.util.Locale.ROOT);
        switch (result.outcome()) {
            case UNCHANGED:
                Reporter.done(context, global, "[" + file + "] has not changed; nothing was written",
                        Json.object("command", "edit", "file", file.toString(), "outcome", outcome));
                return ExitCode.FILE_NOT_MODIFIED.code();
            case CREATED:
                Reporter.done(context, global, "created [" + file + "]",
                        Json.object("command", "edit", "file", file.toString(), "outcome", outcome));
                return ExitCode.OK.code();
            default:
                Reporter.done(context, global, null,
                        Json.object("command", "edit", "file", file.toString(), "outcome", outcome));
                return ExitCode.OK.code();
        }
    }
}
