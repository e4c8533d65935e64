package dev.secrets.app;

import dev.secrets.config.ConfigException;
import dev.secrets.config.CreationRule;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.io.LockFile;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.store.SopsStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code secrets updatekeys FILE...}: makes each file's recipients those of its {@code .sops.yaml} creation rule
 * (found as {@code encrypt} finds it). A file already matching is not touched. Otherwise the change is shown and
 * confirmed, the MAC verified, and the data key re-wrapped for every recipient with values unchanged (as sops
 * does) — except that when a recipient is removed the data key is also replaced and every value re-encrypted,
 * since the removed person may have kept the old key (getsops/sops#365), unless {@code keepDataKey}.
 *
 * <p>Every file is attempted; a failure of one is reported in its outcome and the others still run. Each file is
 * replaced atomically, and only if it did not change on disk meanwhile.
 */
public final class UpdateKeys {
    private UpdateKeys() {
    }

    /**
     * What to update.
     *
     * @param files the encrypted files
     * @param config an explicit config file ({@code --config}), or null to search from each file
     * @param identities extra identity files ({@code --identity})
     * @param keepDataKey keep the data key even when a recipient is removed ({@code --keep-data-key})
     */
    public record Request(List<Path> files, Path config, List<Path> identities, boolean keepDataKey) {
        /** Copies the lists. */
        public Request {
            files = List.copyOf(files);
            identities = List.copyOf(identities);
        }
    }

    /** What happened to one file. */
    public enum Status {
        /** The recipients were changed and the file rewritten. */
        UPDATED,
        /** The file already had the rule's recipients; it was not touched. */
        UP_TO_DATE,
        /** The change was not confirmed; the file was not touched. */
        DECLINED,
        /** An error stopped this file; it was not touched. */
        FAILED
    }

    /**
     * One file's outcome.
     *
     * @param file the file as given
     * @param status what happened
     * @param change the recipient change (null when it could not be worked out)
     * @param failure the error for {@link Status#FAILED}, else null
     * @param warnings things the user should know (comments kept as stored, ...)
     */
    public record Outcome(Path file, Status status, KeyChange change, Exception failure, List<String> warnings) {
    }

    /** Every file's outcome, in order, and notes for {@code --verbose}. */
    public record Result(List<Outcome> outcomes, List<String> notes) {
        /** True when no file failed or was declined. */
        public boolean allDone() {
            return outcomes.stream().allMatch(o -> o.status() == Status.UPDATED || o.status() == Status.UP_TO_DATE);
        }
    }

    /** Updates every file, asking {@code confirmation} before each change. */
    public static Result run(Request request, Environment env, Clock clock, Confirmation confirmation) {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Keyring keyring = new Keyring(env, request.identities())) {
            for (Path file : request.files()) {
                outcomes.add(updateOne(file, request, env, clock, confirmation, keyring, notes));
            }
            notes.addAll(keyring.notes());
        }
        return new Result(outcomes, notes);
    }

    private static Outcome updateOne(Path file, Request request, Environment env, Clock clock,
            Confirmation confirmation, Keyring keyring, List<String> notes) {
        KeyChange change = null;
        try {
            Path path = env.resolve(file);
            String source = file.toString();
            byte[] bytes = FileIo.read(path);
            ConflictGuard.refuseGitMarkers(bytes, source);
            CreationRule rule = CreationRules.require(path, request.config(), env, notes);
            RecipientPlan wanted = RecipientPlan.ofRuleWithForeign(rule);
            SopsDocument document = SopsStores.choose(null, source, bytes).readEncrypted(bytes, source);
            RecipientPlan current = RecipientPlan.ofFile(document.metadata());
            change = KeyChange.between(current, wanted, false);
            if (change.recipientsUnchanged()) {
                return new Outcome(file, Status.UP_TO_DATE, change, null, List.of());
            }
            boolean foreign = ForeignKeyUpdate.applies(current, wanted);
            change = change.withDataKeyRotation(foreign
                    ? ForeignKeyUpdate.rotatesDataKey(current, wanted, change, request.keepDataKey(), source)
                    : change.removesRecipients() && !request.keepDataKey());
            try (LockFile lock = FileLocks.acquire(path, source, clock);
                    OpenedFile opened = SecretsFiles.open(bytes, source, keyring, true)) {
                // With foreign keys the new bytes are made first: a group whose share is out of reach is
                // refused before anyone is asked.
                byte[] prepared = foreign && !change.rotatesDataKey()
                        ? ForeignKeyUpdate.rewrapped(opened, wanted, keyring, source) : null;
                if (!confirmation.confirm(source, change)) {
                    return new Outcome(file, Status.DECLINED, change, null, opened.warnings());
                }
                byte[] out = prepared != null ? prepared : change.rotatesDataKey()
                        ? DataKeyRotation.rotated(opened, opened.stored().metadata().withoutForeignKeys(
                                opened.stored().metadata().foreignKeys()), wanted, keyring.wrapper(), clock)
                        : rewrapped(opened, wanted, keyring);
                FileIo.replaceIfUnchanged(path, opened.original(), out, source);
                List<String> warnings = new ArrayList<>(opened.warnings());
                if (change.removesRecipients()) {
                    // What the tool left beside the file must not stay open to a removed identity.
                    warnings.addAll(LeftBehind.removeBackups(path));
                    warnings.addAll(LeftBehind.resealRejected(path, wanted.groups().stream()
                            .flatMap(List::stream).distinct().toList(), keyring));
                }
                return new Outcome(file, Status.UPDATED, change, null, warnings);
            }
        } catch (FileAccessException | ConfigException | UsageException | SopsException | KeyException
                | DotenvSyntaxException | EditException e) {
            return new Outcome(file, Status.FAILED, change, e, List.of());
        }
    }

    /**
     * The same data key wrapped for {@code recipients}; values, {@code lastmodified} and the MAC stay exactly as
     * stored (the MAC does not cover the key groups), so only the {@code sops_age} lines change.
     */
    private static byte[] rewrapped(OpenedFile opened, RecipientPlan recipients, Keyring keyring)
            throws KeyException {
        List<List<WrappedKey>> groups = DataKeys.wrap(opened.dataKey(), recipients.groups(), recipients.threshold(),
                keyring.wrapper());
        Metadata metadata = opened.stored().metadata().withKeyGroups(groups, recipients.storedThreshold());
        return SecretsFiles.write(opened, opened.stored().tree(), metadata);
    }
}
