package dev.secrets.cli;

import dev.secrets.app.ScanHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets scan-history}. */
@Command(name = "scan-history", mixinStandardHelpOptions = true,
        description = "Search every commit of every ref for the real secret values (current and retired),"
                + " plain, base64 or URL-encoded; prints where, never the value.",
        footer = {"", "Examples:",
                "  secrets scan-history                # the repository of the current folder",
                "  secrets scan-history --json ../api  # for CI",
                "  secrets scan-history --all-keys     # every value, not only credentials",
                "Exit 33 when a value was found."})
final class ScanHistoryCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A folder in the repository.")
    Path path;


    @Option(names = "--all-keys", description = "Search for every value of at least 8 bytes.")
    boolean allKeys;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    ScanHistoryCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ScanHistory.Result result = ScanHistory.run(new ScanHistory.Request(path, identities.files, allKeys),
                context.env);
        Verbose.warnings(context, result.warnings());
        StringBuilder out = new StringBuilder();
        if (global.json) {
            List<Object> hits = new ArrayList<>();
            for (ScanHistory.Hit h : result.hits()) {
                hits.add(Json.object("commit", h.commit(), "path", h.path(), "file", h.file(), "key", h.key(),
                        "current", h.current(), "encoding", h.encoding()));
            }
            out.append(Json.line(Json.object("found", !result.hits().isEmpty(), "hits", hits)));
        } else {
            for (ScanHistory.Hit h : result.hits()) {
                out.append(h.commit()).append("  ").append(h.path()).append("  ").append(h.file()).append(':')
                        .append(h.key()).append("  ").append(h.current() ? "CURRENT" : "retired")
                        .append(h.encoding().equals("plain") ? "" : "  (" + h.encoding() + ")").append('\n');
            }
        }
        context.write(out.toString().getBytes(StandardCharsets.UTF_8));
        context.err.println("secrets: searched " + result.commits() + " commits, " + result.blobs() + " blobs ("
                + result.bytes() + " bytes) for " + result.secrets() + " values; " + result.hits().size() + " found"
                + (result.hits().stream().anyMatch(ScanHistory.Hit::current)
                        ? "; rotate the CURRENT ones now ('secrets rotate FILE KEY')" : ""));
        context.err.flush();
        return result.hits().isEmpty() ? ExitCode.OK.code() : ExitCode.CHECKS_FAILED.code();
    }
}
