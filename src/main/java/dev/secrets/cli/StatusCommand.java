package dev.secrets.cli;

import dev.secrets.app.CredentialStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per file: who can decrypt it, the data key's age, and each credential's age against the"
                + " playbook's max_age.",
        footer = {"", "Examples:",
                "  secrets status                   # every encrypted file of the repository",
                "  secrets status prod.env.enc --json",
                "Exit 33 when a credential is overdue."})
final class StatusCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Encrypted files (default: all in the repository).")
    List<Path> files = new ArrayList<>();


    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    StatusCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        CredentialStatus.Result result = CredentialStatus.run(new CredentialStatus.Request(files, identities.files),
                context.env, context.clock);
        String text = global.json ? json(result) : text(result);
        context.write(text.getBytes(StandardCharsets.UTF_8));
        return result.anyOverdue() ? ExitCode.CHECKS_FAILED.code() : ExitCode.OK.code();
    }

    private static String age(Instant since, Instant now) {
        return since == null ? "unknown" : since + " (" + Duration.between(since, now).toDays() + " days ago)";
    }

    private static String text(CredentialStatus.Result result) {
        StringBuilder out = new StringBuilder();
        for (CredentialStatus.FileStatus file : result.files()) {
            out.append(file.file()).append('\n').append("  recipients:\n");
            file.recipients().forEach(r -> out.append("    ").append(r.recipient().isEmpty() ? "(recipient entry missing)" : r.recipient())
                    .append(r.name() == null ? "" : "  (" + r.name() + ")").append('\n'));
            out.append("  data key: since ").append(age(file.dataKeySince(), result.now())).append('\n');
            out.append("  credentials:\n");
            for (CredentialStatus.Credential c : file.credentials()) {
                out.append("    ").append(c.key()).append("  changed ").append(age(c.changed(), result.now()))
                        .append(", from ").append(c.source());
                if (c.maxAge() != null) {
                    out.append("  max_age ").append(c.maxAgeText());
                }
                out.append(c.overdue() ? "  OVERDUE" : "").append('\n');
            }
            file.warnings().forEach(w -> out.append("  warning: ").append(w).append('\n'));
        }
        return out.toString();
    }

    private static String json(CredentialStatus.Result result) {
        List<Object> files = new ArrayList<>();
        for (CredentialStatus.FileStatus file : result.files()) {
            List<Object> recipients = new ArrayList<>();
            file.recipients().forEach(r -> recipients.add(Json.object("recipient", r.recipient(), "name", r.name())));
            List<Object> credentials = new ArrayList<>();
            file.credentials().forEach(c -> credentials.add(Json.object("key", c.key(), "changed", str(c.changed()),
                    "source", c.source(), "max_age_days", c.maxAge() == null ? null : c.maxAge().toDays(),
                    "overdue", c.overdue())));
            files.add(Json.object("file", file.file(), "recipients", recipients, "data_key_since",
                    str(file.dataKeySince()), "credentials", credentials, "warnings", file.warnings()));
        }
        return Json.line(Json.object("overdue", result.anyOverdue(), "files", files));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
