package dev.secrets.app;

import dev.secrets.rotate.RotationReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a credential rotation did (or would do), without any value: one line per credential, notes, the
 * overall outcome, and a JSON-shaped map for {@code --json}.
 *
 * @param dryRun whether this is only a plan
 * @param outcome the overall result
 * @param lines one per credential, in execution order
 * @param notes extra facts (backup written, data key rotated, journal recovered)
 * @param json the machine-readable report
 */
public record RotationSummary(boolean dryRun, Outcome outcome, List<Line> lines, List<String> notes,
        Map<String, Object> json) {
    /** The overall result, which decides the exit code. */
    public enum Outcome {
        /** Every credential rotated (or planned). */
        DONE,
        /** Nothing failed; some manual credentials wait for a person. */
        PENDING_MANUAL,
        /** Something failed; the lines say what changed and what did not. */
        FAILED
    }

    /** One credential: key, applier, status, server state, whether the file changed, detail and hint. */
    public record Line(String key, String applier, String status, String server, boolean fileChanged, String detail,
            String hint) {
    }

    static RotationSummary of(RotationReport report, List<String> extraNotes) {
        List<Line> lines = report.entries().stream().map(e -> new Line(e.key(), e.applier(), lower(e.status()),
                lower(e.server()), e.fileChanged(), e.detail(), e.hint())).toList();
        Outcome outcome;
        switch (report.outcome()) {
            case ALL_DONE: outcome = Outcome.DONE; break;
            case SOME_PENDING_MANUAL: outcome = Outcome.PENDING_MANUAL; break;
            default: outcome = Outcome.FAILED;
        }
        List<String> notes = new java.util.ArrayList<>(report.notes());
        notes.addAll(extraNotes);
        Map<String, Object> json = new java.util.LinkedHashMap<>(report.toJson());
        json.put("notes", notes);
        return new RotationSummary(report.dryRun(), outcome, lines, notes, json);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
