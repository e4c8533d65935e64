package dev.secrets.rotate;

import dev.secrets.io.CrashPoint;
import dev.secrets.rotate.RotationListener.Step;
import dev.secrets.rotate.RotationReport.Entry;
import dev.secrets.rotate.RotationReport.ServerState;
import dev.secrets.rotate.RotationReport.Status;
import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rotates the credentials of a playbook, one at a time, so that the store always matches what the servers accept.
 *
 * <p>For each credential in playbook order: make the new value, record it in the {@link PendingSecretJournal},
 * apply it, verify it (new accepted, old refused), commit it to the {@link RotationStore}, clear the journal.
 * The store is backed up once before the first change. On a failure the credential is rolled back when the
 * applier can, the run stops, and the {@link RotationReport} says which keys changed and which did not. Running
 * again resumes: keys this selection already rotated are not rotated twice.
 *
 * <p>Crash window: a {@code kill -9} after the server took the new value but before the store was rewritten
 * leaves the new value (encrypted) in the journal. The next run probes the server with the pending and the stored
 * value and commits the one it accepts (finishing the switch when both work, or re-applying when the applier
 * cannot tell); when it accepts neither, the run stops and the journal keeps the value. A kill after the file
 * write and before the journal was cleared finds the pending value already in the file: the journal entry is
 * cleared and the run goes on.
 *
 * <p>Independent of the file format. Not thread-safe; one run per store at a time (the caller locks).
 */
public final class CredentialRotation {
    private final ApplierFactory appliers;
    private final SecretGenerator generator;
    private final ManualInput manualInput;
    private final RotationListener listener;

    /** What to rotate: the selected keys (empty = every credential), dry run, and whether to resume. */
    public record Request(List<String> selection, boolean dryRun, boolean resume) {
        /** Copies the selection. */
        public Request {
            selection = List.copyOf(selection);
        }

        /** Every credential, for real, resuming an interrupted run. */
        public static Request all() {
            return new Request(List.of(), false, true);
        }

        /** The plan for every credential, touching nothing. */
        public static Request dryRunAll() {
            return new Request(List.of(), true, true);
        }
    }

    /** A rotation using these parts; {@code manualInput} may be {@link ManualInput#UNAVAILABLE}. */
    public CredentialRotation(ApplierFactory appliers, SecretGenerator generator, ManualInput manualInput,
            RotationListener listener) {
        this.appliers = appliers;
        this.generator = generator;
        this.manualInput = manualInput;
        this.listener = listener;
    }

    /**
     * Runs {@code request} over {@code playbook} with the file's current {@code values} (not modified; the caller
     * still owns them). A dry run only reads the playbook and key names: no server, store or journal is touched.
     *
     * @throws PlaybookException when the selection names a key the playbook does not have
     */
    public RotationReport run(Playbook playbook, Map<String, SecretBytes> values, Request request,
            RotationStore store, PendingSecretJournal journal) throws PlaybookException {
        List<Credential> selected = select(playbook, request.selection());
        if (request.dryRun()) {
            return plan(playbook, selected, values);
        }
        Run run = new Run(values, store, journal, String.join(",", selected.stream().map(Credential::key).toList()));
        try {
            return run.execute(playbook, selected, request.resume());
        } finally {
            run.close();
        }
    }

    private RotationReport plan(Playbook playbook, List<Credential> selected, Map<String, SecretBytes> values) {
        List<Entry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Credential c : selected) {
            List<String> missing = requiredKeys(c.apply()).stream().filter(k -> !values.containsKey(k)).toList();
            String problem = null;
            String copies = "";
            try {
                Optional<SecretBytes> current = SecretCopies.current(c.key(), values);
                if (current.isPresent()) {
                    try {
                        List<String> holders = SecretCopies.holders(c.key(), values, current.get());
                        copies = holders.isEmpty() ? "" : "; also rewritten in " + holders;
                        c.alsoIn().stream().filter(k -> !holders.contains(k)).forEach(k -> notes.add("[" + c.key()
                                + "] also_in [" + k + "], but that key holds no copy of it"));
                    } finally {
                        current.get().destroy();
                    }
                }
            } catch (IllegalArgumentException e) {
                problem = "key [" + c.key() + "] " + e.getMessage();
            }
            String detail = c.recipe().describe() + "; " + appliers.create(c.apply()).describe()
                    + (SecretCopies.isUrlCredential(c.key(), values) ? "; the URL's password" : "")
                    + (values.containsKey(c.key()) ? "" : "; key is new in the file") + copies
                    + (missing.isEmpty() ? "" : "; MISSING settings " + missing)
                    + (problem == null ? "" : "; " + problem);
            boolean ok = missing.isEmpty() && problem == null;
            entries.add(new Entry(c.key(), c.apply().kind(), ok ? Status.PLANNED : Status.FAILED,
                    ServerState.UNCHANGED, false, detail, ok ? null : problem != null ? "fix the value or the playbook"
                    : "add the missing keys to the file"));
        }
        notes.addAll(uncoveredNotes(playbook, values));
        return new RotationReport(true, entries, notes);
    }

    /** One note per URL whose password no credential of the playbook rotates. */
    static List<String> uncoveredNotes(Playbook playbook, Map<String, SecretBytes> values) {
        return SecretCopies.uncoveredUrls(values, playbook.credentials().stream().map(Credential::key).toList())
                .stream().map(k -> "[" + k + "] holds a URL with a password that no playbook entry rotates: add an"
                        + " entry for it (apply with url_key: " + k + "), or rotate it by hand").toList();
    }

    private static List<Credential> select(Playbook playbook, List<String> selection) throws PlaybookException {
        if (selection.isEmpty()) {
            return playbook.credentials();
        }
        for (String key : selection) {
            if (playbook.credential(key).isEmpty()) {
                throw new PlaybookException(playbook.source(), 0, "key [" + key + "] has no entry in the playbook",
                        "add it to the playbook or check the spelling", null);
            }
        }
        return playbook.credentials().stream().filter(c -> selection.contains(c.key())).toList();
    }

    /** Key names an applier reads its settings from. */
    static List<String> requiredKeys(ApplySpec spec) {
        List<String> keys = new ArrayList<>();
        if (spec instanceof ApplySpec.Postgres p) {
            p.urlKey().ifPresent(keys::add);
            java.util.stream.Stream.of(p.hostKey(), p.portKey(), p.roleKey()).filter(java.util.Objects::nonNull)
                    .forEach(keys::add);
            p.databaseKey().ifPresent(keys::add);
            p.adminUserKey().ifPresent(keys::add);
            p.adminPasswordKey().ifPresent(keys::add);
        } else if (spec instanceof ApplySpec.Redis r) {
            r.urlKey().ifPresent(keys::add);
            java.util.stream.Stream.of(r.hostKey(), r.portKey()).filter(java.util.Objects::nonNull).forEach(keys::add);
            r.usernameKey().ifPresent(keys::add);
            r.adminUserKey().ifPresent(keys::add);
            r.adminPasswordKey().ifPresent(keys::add);
        }
        return keys;
    }

    /** One execution: owns copies of the values, updated as credentials are committed. */
    private final class Run {
        private final Map<String, SecretBytes> working = new LinkedHashMap<>();
        private final RotationStore store;
        private final PendingSecretJournal journal;
        private final String runId;
        private final List<Entry> entries = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<String, List<String>> copies = new LinkedHashMap<>();
        private boolean backedUp;

        Run(Map<String, SecretBytes> values, RotationStore store, PendingSecretJournal journal, String runId) {
            values.forEach((k, v) -> working.put(k, SecretBytes.adopt(v.copy())));
            this.store = store;
            this.journal = journal;
            this.runId = runId;
        }

        RotationReport execute(Playbook playbook, List<Credential> selected, boolean resume) {
            notes.addAll(uncoveredNotes(playbook, working));
            Set<String> recovered = new HashSet<>();
            boolean stop = recoverPending(playbook, selected, recovered);
            Set<String> done = new HashSet<>();
            if (!stop && resume) {
                try {
                    done.addAll(journal.rotatedIn(runId));
                } catch (IOException e) {
                    notes.add("could not read the journal's progress (" + e.getMessage() + "): rotating all");
                }
            }
            Set<String> notRotated = new HashSet<>();
            for (Credential c : selected) {
                if (entries.stream().anyMatch(e -> e.key().equals(c.key()))) {
                    continue; // reported by recovery
                }
                if (stop) {
                    skip(c, "not attempted: an earlier credential failed");
                    notRotated.add(c.key());
                    continue;
                }
                if (done.contains(c.key())) {
                    entries.add(new Entry(c.key(), c.apply().kind(), Status.ALREADY_ROTATED, ServerState.CHANGED,
                            false, "rotated by the interrupted run of this command", null));
                    listener.onStep(c.key(), Step.DONE, "already rotated");
                    continue;
                }
                Optional<String> blocker = c.dependsOn().stream().filter(notRotated::contains).findFirst();
                if (blocker.isPresent()) {
                    skip(c, "not attempted: depends on [" + blocker.get() + "], which was not rotated");
                    notRotated.add(c.key());
                    continue;
                }
                Status status = rotate(c);
                if (status != Status.ROTATED) {
                    notRotated.add(c.key());
                }
                stop = status == Status.FAILED;
            }
            RotationReport report = new RotationReport(false, entries, notes);
            if (report.entries().stream().noneMatch(e -> e.status() == Status.FAILED || e.status() == Status.SKIPPED)) {
                try {
                    journal.finishRun(runId);
                    CrashPoint.reach("rotate.run-finished");
                } catch (IOException e) {
                    notes.add("could not clear the journal's progress: " + e.getMessage());
                }
            }
            return new RotationReport(false, entries, notes);
        }

        /** Returns true when the run must stop (a pending value could not be resolved). */
        private boolean recoverPending(Playbook playbook, List<Credential> selected, Set<String> recovered) {
            Set<String> pendingKeys;
            try {
                pendingKeys = journal.pendingKeys();
            } catch (IOException e) {
                notes.add("cannot read the rotation journal: " + e.getMessage());
                return true;
            }
            for (String key : pendingKeys) {
                Optional<Credential> credential = playbook.credential(key);
                if (credential.isEmpty()) {
                    notes.add("the journal holds a pending value for [" + key + "], which the playbook no longer"
                            + " lists; it is left in the journal");
                    continue;
                }
                Credential c = credential.get();
                listener.onStep(key, Step.RECOVERING, "a previous run was interrupted");
                Optional<SecretBytes> pending;
                try {
                    pending = journal.pending(key);
                } catch (IOException e) {
                    fail(c, ServerState.UNKNOWN, "cannot read the pending value from the journal: " + e.getMessage(),
                            "check the journal file and the key that decrypts it");
                    return true;
                }
                if (pending.isEmpty()) {
                    continue;
                }
                SecretBytes newValue = pending.get();
                try {
                    if (!recoverOne(c, newValue, selected.contains(c))) {
                        return true;
                    }
                    recovered.add(key);
                } finally {
                    newValue.destroy();
                }
            }
            return false;
        }

        /** Resolves one pending value; false when the run must stop. */
        private boolean recoverOne(Credential c, SecretBytes pending, boolean inSelection) {
            CredentialApplier applier = appliers.create(c.apply());
            Optional<SecretBytes> old;
            try {
                old = SecretCopies.current(c.key(), working);
            } catch (IllegalArgumentException e) {
                fail(c, ServerState.UNKNOWN, "key [" + c.key() + "] " + e.getMessage() + "; the pending value stays"
                        + " in the journal", "fix the value and run again");
                return false;
            }
            try {
                return recoverOne(c, applier, old, pending, inSelection);
            } finally {
                old.ifPresent(SecretBytes::destroy);
            }
        }

        private boolean recoverOne(Credential c, CredentialApplier applier, Optional<SecretBytes> old,
                SecretBytes pending, boolean inSelection) {
            if (old.isPresent() && old.get().equalsConstantTime(pending)) {
                // Killed after the file was written and before the journal was cleared: the run was complete.
                clearQuietly(c.key());
                if (inSelection) {
                    markRotatedQuietly(c.key());
                }
                entries.add(new Entry(c.key(), c.apply().kind(), Status.RECOVERED, ServerState.CHANGED, false,
                        "the interrupted run had already written the new value to the file; journal cleared", null));
                listener.onStep(c.key(), Step.DONE, "recovered");
                return true;
            }
            ApplyContext context = new ApplyContext(c.key(), old, pending, working);
            Acceptance newOk;
            Acceptance oldOk;
            try {
                newOk = applier.probe(context, pending);
                oldOk = old.isPresent() ? applier.probe(context, old.get()) : Acceptance.REFUSED;
            } catch (ApplyException e) {
                fail(c, ServerState.UNKNOWN, "interrupted rotation cannot be checked: " + e.getMessage()
                        + "; the pending value stays in the journal", "make the server reachable and run again");
                return false;
            }
            if (newOk == Acceptance.REFUSED && oldOk == Acceptance.ACCEPTED) {
                clearQuietly(c.key());
                notes.add("[" + c.key() + "]: the interrupted run had not changed the server; pending value dropped");
                return true;
            }
            if (newOk == Acceptance.REFUSED && oldOk == Acceptance.REFUSED) {
                fail(c, ServerState.UNKNOWN, "the server accepts neither the file's value nor the pending one; the"
                        + " pending value stays in the journal", "reset the credential on the server by hand");
                return false;
            }
            try {
                if (newOk != Acceptance.ACCEPTED || oldOk != Acceptance.REFUSED) {
                    // Unknown, or the switch was half done: finish it (appliers are idempotent).
                    listener.onStep(c.key(), Step.APPLYING, "finishing the interrupted switch");
                    applier.apply(context);
                    listener.onStep(c.key(), Step.VERIFYING, "");
                    applier.verify(context);
                }
                backupOnce();
                listener.onStep(c.key(), Step.COMMITTING, "");
                commit(c, old, pending);
            } catch (ApplyException | IOException e) {
                fail(c, ServerState.UNKNOWN, "interrupted rotation could not be completed: " + e.getMessage()
                        + "; the pending value stays in the journal", "fix the cause and run again");
                return false;
            }
            clearQuietly(c.key());
            if (inSelection) {
                markRotatedQuietly(c.key());
            }
            entries.add(new Entry(c.key(), c.apply().kind(), Status.RECOVERED, ServerState.CHANGED, true,
                    "the value applied by an interrupted run was written to the file" + copiesNote(c.key()), null));
            listener.onStep(c.key(), Step.DONE, "recovered");
            return true;
        }

        private Status rotate(Credential c) {
            String key = c.key();
            listener.onStep(key, Step.GENERATING, c.recipe().describe());
            SecretBytes newValue;
            try {
                Optional<SecretBytes> value = newValue(c);
                if (value.isEmpty()) {
                    entries.add(new Entry(key, "manual", Status.PENDING_MANUAL, ServerState.UNCHANGED, false,
                            "manual credential: no value entered", ((ValueRecipe.Manual) c.recipe()).instructions()));
                    listener.onStep(key, Step.DONE, "pending manual");
                    return Status.PENDING_MANUAL;
                }
                newValue = value.get();
            } catch (RuntimeException e) {
                return fail(c, ServerState.UNCHANGED, "cannot make a new value: " + e.getMessage(), null);
            }
            try {
                return rotateWith(c, newValue);
            } finally {
                newValue.destroy();
            }
        }

        private Optional<SecretBytes> newValue(Credential c) {
            ValueRecipe recipe = c.recipe();
            if (recipe instanceof ValueRecipe.RandomBytes r) {
                return Optional.of(r.generate(generator));
            }
            if (recipe instanceof ValueRecipe.Password p) {
                return Optional.of(p.generate(generator));
            }
            return manualInput.read(c.key(), ((ValueRecipe.Manual) recipe).instructions());
        }

        private Status rotateWith(Credential c, SecretBytes newValue) {
            Optional<SecretBytes> old;
            try {
                old = SecretCopies.current(c.key(), working);
            } catch (IllegalArgumentException e) {
                return fail(c, ServerState.UNCHANGED, "key [" + c.key() + "] " + e.getMessage(),
                        "fix the value or the playbook");
            }
            try {
                return rotateWith(c, old, newValue);
            } finally {
                old.ifPresent(SecretBytes::destroy);
            }
        }

        private Status rotateWith(Credential c, Optional<SecretBytes> old, SecretBytes newValue) {
            String key = c.key();
            CredentialApplier applier = appliers.create(c.apply());
            ApplyContext context = new ApplyContext(key, old, newValue, working);
            try {
                backupOnce();
                journal.record(key, newValue);
                CrashPoint.reach("rotate.journal-recorded");
            } catch (IOException e) {
                return fail(c, ServerState.UNCHANGED, "cannot prepare (backup or journal): " + e.getMessage(), null);
            }
            try {
                listener.onStep(key, Step.APPLYING, applier.describe());
                applier.apply(context);
                CrashPoint.reach("rotate.applied");
            } catch (ApplyException e) {
                return undo(c, applier, context, e.serverMayHaveChanged(), "apply failed: " + e.getMessage(),
                        e.hint());
            }
            try {
                listener.onStep(key, Step.VERIFYING, "");
                applier.verify(context);
                CrashPoint.reach("rotate.verified");
            } catch (ApplyException e) {
                return undo(c, applier, context, true, "verify failed: " + e.getMessage(), e.hint());
            }
            try {
                listener.onStep(key, Step.COMMITTING, "");
                commit(c, old, newValue);
                CrashPoint.reach("rotate.committed");
            } catch (IOException | RuntimeException e) {
                return undo(c, applier, context, true, "writing the file failed: " + e.getMessage(), null);
            }
            clearQuietly(key);
            CrashPoint.reach("rotate.journal-cleared");
            markRotatedQuietly(key);
            CrashPoint.reach("rotate.marked");
            entries.add(new Entry(key, c.isManual() ? "manual" : c.apply().kind(), Status.ROTATED,
                    c.apply() instanceof ApplySpec.None ? ServerState.UNCHANGED : ServerState.CHANGED, true,
                    "rotated" + copiesNote(key), null));
            listener.onStep(key, Step.DONE, "rotated");
            return Status.ROTATED;
        }

        /** After a failure: roll back when the server may have changed, and keep the journal only if unsure. */
        private Status undo(Credential c, CredentialApplier applier, ApplyContext context, boolean serverChanged,
                String reason, String hint) {
            if (!serverChanged) {
                clearQuietly(c.key());
                return fail(c, ServerState.UNCHANGED, reason, hint);
            }
            if (context.oldValue().isEmpty()) {
                return fail(c, ServerState.UNKNOWN, reason + "; no old value to roll back to; the new value stays in"
                        + " the journal", hint);
            }
            listener.onStep(c.key(), Step.ROLLING_BACK, "");
            try {
                if (applier.rollback(context)) {
                    clearQuietly(c.key());
                    return fail(c, ServerState.ROLLED_BACK, reason + "; rolled back to the old value", hint);
                }
                return fail(c, ServerState.UNKNOWN, reason + "; this applier cannot roll back; the new value stays"
                        + " in the journal and the next run recovers it", hint);
            } catch (ApplyException e) {
                return fail(c, ServerState.UNKNOWN, reason + "; rollback failed too (" + e.getMessage()
                        + "); the new value stays in the journal and the next run recovers it", hint);
            }
        }

        private Status fail(Credential c, ServerState server, String reason, String hint) {
            entries.add(new Entry(c.key(), c.isManual() ? "manual" : c.apply().kind(), Status.FAILED, server, false,
                    reason, hint));
            listener.onStep(c.key(), Step.DONE, "failed");
            return Status.FAILED;
        }

        private void skip(Credential c, String reason) {
            entries.add(new Entry(c.key(), c.isManual() ? "manual" : c.apply().kind(), Status.SKIPPED,
                    ServerState.UNCHANGED, false, reason, null));
            listener.onStep(c.key(), Step.DONE, "skipped");
        }

        /** Writes the credential and every copy of it in one atomic commit, then updates the working values. */
        private void commit(Credential c, Optional<SecretBytes> old, SecretBytes newValue) throws IOException {
            SecretCopies.Changes changes = SecretCopies.changes(c.key(), working, old, newValue, c.alsoIn());
            try {
                store.commit(changes.values());
                changes.values().forEach(this::replaceWorking);
                copies.put(c.key(), changes.embeddedIn());
                changes.missing().forEach(k -> notes.add("[" + c.key() + "] also_in [" + k + "], but that key held"
                        + " no copy of it"));
            } finally {
                changes.destroy();
            }
        }

        private String copiesNote(String key) {
            List<String> in = copies.getOrDefault(key, List.of());
            return in.isEmpty() ? "" : "; also rewritten in " + in;
        }

        private void backupOnce() throws IOException {
            if (!backedUp) {
                store.backup();
                backedUp = true;
            }
        }

        private void replaceWorking(String key, SecretBytes value) {
            SecretBytes previous = working.put(key, SecretBytes.adopt(value.copy()));
            if (previous != null) {
                previous.destroy();
            }
        }

        private void clearQuietly(String key) {
            try {
                journal.clear(key);
            } catch (IOException e) {
                notes.add("could not clear the journal entry for [" + key + "]: " + e.getMessage());
            }
        }

        private void markRotatedQuietly(String key) {
            try {
                journal.markRotated(runId, key);
            } catch (IOException e) {
                notes.add("could not note progress for [" + key + "]: " + e.getMessage());
            }
        }

        void close() {
            working.values().forEach(SecretBytes::destroy);
        }
    }
}
