package dev.secrets.cli;

import dev.secrets.app.UpdateKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets updatekeys}. */
@Command(name = "updatekeys", mixinStandardHelpOptions = true,
        description = "Re-encrypt the data key for the recipients of each file's .sops.yaml creation rule.",
        footer = {"", "Examples:",
                "  secrets updatekeys .env.enc              # show the change, ask, apply",
                "  secrets updatekeys -y config/*.env.enc   # no questions",
                "  secrets updatekeys --keep-data-key .env.enc",
                "When a recipient is removed, the data key is replaced and every value",
                "re-encrypted too (a removed person may have kept the old data key),",
                "unless --keep-data-key. pgp/kms/... keys the rule still names are kept",
                "as they are (the data key cannot change then); a rule adding one is",
                "refused (exit 65). Exit 85: a change was not confirmed."})
final class UpdateKeysCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Encrypted files to update.")
    List<Path> files;

    @Option(names = {"-y", "--yes"}, description = "Apply changes without asking.")
    boolean yes;

    @Option(names = "--keep-data-key", description = "Keep the data key even when a recipient is removed.")
    boolean keepDataKey;

    @Option(names = "--config", paramLabel = "FILE", description = "Use this .sops.yaml instead of searching.")
    Path config;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    UpdateKeysCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        UpdateKeys.Result result = UpdateKeys.run(new UpdateKeys.Request(files, config, identities.files,
                keepDataKey), context.env, context.clock, new ChangePrompt(context, yes));
        Verbose.print(context, global, result.notes());
        int code = ExitCode.OK.code();
        List<Object> reports = new java.util.ArrayList<>();
        for (UpdateKeys.Outcome outcome : result.outcomes()) {
            Verbose.warnings(context, outcome.warnings());
            reports.add(json(outcome));
            int fileCode = global.json ? jsonCode(outcome) : report(outcome);
            code = code == ExitCode.OK.code() ? fileCode : code;
        }
        Reporter.done(context, global, null, Json.object("command", "updatekeys", "files", reports));
        return code;
    }

    private static java.util.Map<String, Object> json(UpdateKeys.Outcome outcome) {
        java.util.Map<String, Object> file = Json.object("file", outcome.file().toString(), "status",
                outcome.status().name().toLowerCase(java.util.Locale.ROOT));
        if (outcome.change() != null) {
            file.put("dataKeyRotated", outcome.status() == UpdateKeys.Status.UPDATED
                    && outcome.change().rotatesDataKey());
            file.put("recipients", KeyChangeJson.of(outcome.change()));
        }
        if (outcome.failure() != null) {
            file.put("error", ErrorReporter.json(outcome.failure(), "updatekeys").get("error"));
        }
        return file;
    }

    private static int jsonCode(UpdateKeys.Outcome outcome) {
        switch (outcome.status()) {
            case UP_TO_DATE: case UPDATED: return ExitCode.OK.code();
            case DECLINED: return ExitCode.NOT_CONFIRMED.code();
            default: return ErrorReporter.exitCodeOf(outcome.failure()).code();
        }
    }

    private int report(UpdateKeys.Outcome outcome) {
        String file = "[" + outcome.file() + "]";
        switch (outcome.status()) {
            case UP_TO_DATE:
                Reporter.done(context, global, file + " already up to date", null);
                break;
            case UPDATED:
                Reporter.done(context, global, file + " updated" + (outcome.change().rotatesDataKey()
                        ? " with a new data key" : " (data key kept)"), null);
                outcome.change().groups().stream().flatMap(g -> g.removed().stream()).filter(r -> !r.isEmpty() && !r.contains(" ")).distinct().forEach(r ->
                        context.hint("'secrets revoke-report " + r + "' lists the credentials it could"
                                + " read that are still current: rotate those"));
                break;
            case DECLINED:
                context.err.println("secrets: " + file + " not changed: the change was not confirmed");
                context.err.flush();
                return ExitCode.NOT_CONFIRMED.code();
            default:
                return ErrorReporter.report(outcome.failure(), context.err, global.debug);
        }
        context.err.flush();
        return ExitCode.OK.code();
    }
}
