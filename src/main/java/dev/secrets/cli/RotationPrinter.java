package dev.secrets.cli;

import dev.secrets.app.RotateCredentials;
import dev.secrets.app.RotationSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Prints rotation progress (stderr) and the final report (a table on stderr, or JSON on stdout). */
final class RotationPrinter {
    private RotationPrinter() {
    }

    static RotateCredentials.Progress progress(Context context) {
        return (key, step, detail) -> {
            context.err.println("  " + key + ": " + step + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
            context.err.flush();
        };
    }

    static void print(Context context, RotationSummary summary, boolean json) throws IOException {
        if (json) {
            java.util.Map<String, Object> report = Json.object("command", "rotate");
            report.putAll(summary.json());
            context.write((Json.write(report) + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        context.err.println(summary.dryRun() ? "plan:" : "result:");
        for (RotationSummary.Line line : summary.lines()) {
            context.err.println(String.format("  %-28s %-15s %-10s file %-9s %s", line.key(), line.status(),
                    line.applier(), line.fileChanged() ? "updated" : "unchanged",
                    line.detail() == null ? "" : line.detail()));
            if (line.hint() != null) {
                context.err.println("      hint: " + line.hint());
            }
        }
        summary.notes().forEach(n -> context.err.println("  note: " + n));
        context.err.flush();
    }
}
