package dev.secrets.rotate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a rotation (or the plan of a dry run): one entry per credential in execution order, plus notes.
 * It never holds a value. {@link #toJson()} gives a map of strings, booleans and lists for {@code --json}.
 */
public record RotationReport(boolean dryRun, List<Entry> entries, List<String> notes) {
    /** Copies the lists. */
    public RotationReport {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

    /** What happened to one credential. */
    public enum Status {
        /** New value applied, verified and written to the file in this run. */
        ROTATED,
        /** A value left pending by an interrupted run was found on the server and written to the file. */
        RECOVERED,
        /** Rotated by an earlier, interrupted run of the same command: not rotated again. */
        ALREADY_ROTATED,
        /** A manual credential nobody could enter (no terminal, or declined): unchanged. */
        PENDING_MANUAL,
        /** Failed: see the detail and {@link Entry#server()}. */
        FAILED,
        /** Not attempted (an earlier credential failed, or a dependency was not rotated): unchanged. */
        SKIPPED,
        /** Dry run: would be rotated. */
        PLANNED
    }

    /** What the server holds after the run. */
    public enum ServerState {
        /** The server was not changed (or there is no server). */
        UNCHANGED,
        /** The server holds the new value, and so does the file. */
        CHANGED,
        /** The new value was applied and then taken back: the old value works again. */
        ROLLED_BACK,
        /** Unknown: the new value is kept (encrypted) in the journal and the next run recovers it. */
        UNKNOWN
    }

    /**
     * One credential: its key, applier kind, status, what the server holds, whether the file now has a new value,
     * and a detail and hint without values.
     */
    public record Entry(String key, String applier, Status status, ServerState server, boolean fileChanged,
            String detail, String hint) {
    }

    /** The overall result, for the exit code. */
    public enum Outcome {
        /** Every credential rotated (or planned, for a dry run). */
        ALL_DONE,
        /** None failed, some manual ones are pending. */
        SOME_PENDING_MANUAL,
        /** At least one failed or was skipped because of a failure. */
        SOME_FAILED
    }

    /** The overall result. */
    public Outcome outcome() {
        if (entries.stream().anyMatch(e -> e.status() == Status.FAILED || e.status() == Status.SKIPPED)) {
            return Outcome.SOME_FAILED;
        }
        if (entries.stream().anyMatch(e -> e.status() == Status.PENDING_MANUAL)) {
            return Outcome.SOME_PENDING_MANUAL;
        }
        return Outcome.ALL_DONE;
    }

    /** Keys whose value in the file changed in this run. */
    public List<String> changedKeys() {
        return entries.stream().filter(Entry::fileChanged).map(Entry::key).toList();
    }

    /** Keys whose value in the file did not change in this run. */
    public List<String> unchangedKeys() {
        return entries.stream().filter(e -> !e.fileChanged()).map(Entry::key).toList();
    }

    /** The entry for {@code key}, or null. */
    public Entry entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
    }

    /** A JSON-shaped view: {@code {dry_run, outcome, changed, unchanged, credentials: [...], notes}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dry_run", dryRun);
        out.put("outcome", outcome().name().toLowerCase(java.util.Locale.ROOT));
        out.put("changed", changedKeys());
        out.put("unchanged", unchangedKeys());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", e.key());
            m.put("applier", e.applier());
            m.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("server", e.server().name().toLowerCase(java.util.Locale.ROOT));
            m.put("file_changed", e.fileChanged());
            m.put("detail", e.detail());
            if (e.hint() != null) {
                m.put("hint", e.hint());
            }
            list.add(m);
        }
        out.put("credentials", list);
        out.put("notes", notes);
        return out;
    }
}
