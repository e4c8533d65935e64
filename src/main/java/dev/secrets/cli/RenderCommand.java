package dev.secrets.cli;

import dev.secrets.app.RenderEnv;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets render}. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Decrypt a SOPS file into what a deploy target reads, atomically and fail-closed.",
        footer = {"", "Examples:",
                "  secrets render .env.enc --out .env                     # mode 0600, atomic",
                "  secrets render .env.enc --out .env --check || restart  # exit 1 when .env would change",
                "  secrets render .env.enc --format docker --out app.env  # compose env_file",
                "  secrets render .env.enc --format k8s-secret --name app-env | kubectl apply -f -",
                "  secrets render .env.enc --format shell --only DB_URL > db.sh",
                "  secrets render values.enc.yaml --path db --out db.env  # one mapping of a YAML/JSON/INI file",
                "On any error an existing --out file is left byte-identical. See docs/commands/render.md."})
final class RenderCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file, or - for stdin.")
    String file;

    @Option(names = "--out", paramLabel = "PATH", description = "Write here (atomically, 0600) instead of stdout; - is stdout.")
    Path out;

    @Option(names = "--format", paramLabel = "F", defaultValue = "dotenv",
            description = "dotenv (default), docker, shell, json or k8s-secret.")
    String format;

    @Option(names = "--name", paramLabel = "NAME", description = "The Secret's name (k8s-secret).")
    String name;

    @Option(names = "--namespace", paramLabel = "NS", description = "The Secret's namespace (k8s-secret).")
    String namespace;

    @Option(names = "--mode", paramLabel = "MODE", description = "Permissions of --out, e.g. 0640 (default 0600).")
    String mode;

    @Option(names = "--check", description = "Write nothing: exit 0 if --out already holds this, 1 if it would change.")
    boolean check;

    @Mixin SelectionOptions selection;
    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    RenderCommand(Context context) {
        this.context = context;
    }

    private java.util.Map<String, Object> report(String outcome) {
        return Json.object("command", "render", "file", file, "out", String.valueOf(out), "format", format,
                "outcome", outcome);
    }

    @Override
    public Integer call() throws Exception {
        boolean stdin = "-".equals(file);
        RenderEnv.Result result = RenderEnv.run(new RenderEnv.Request(stdin ? null : Path.of(file),
                stdin ? context.readStdin() : null, out != null && out.toString().equals("-") ? null : out, format, name, namespace, mode, check, selection.only,
                selection.except, selection.path, identities.files), context.env);
        Verbose.print(context, global, result.notes());
        Verbose.warnings(context, result.warnings());
        switch (result.outcome()) {
            case RETURNED:
                try {
                    context.write(result.content());
                } finally {
                    Arrays.fill(result.content(), (byte) 0);
                }
                return ExitCode.OK.code();
            case DIFFERS:
                Reporter.done(context, global, null, report("differs"));
                return ExitCode.CHECK_DIFFERS.code();
            default:
                Reporter.done(context, global, null, report(result.outcome() == RenderEnv.Outcome.SAME ? "same" : "written"));
                return ExitCode.OK.code();
        }
    }
}
