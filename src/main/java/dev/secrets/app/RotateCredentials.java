package dev.secrets.app;

import dev.secrets.age.AgeFiles;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.io.LockFile;
import dev.secrets.keys.KeyException;
import dev.secrets.rotate.CredentialRotation;
import dev.secrets.rotate.FileJournal;
import dev.secrets.rotate.Playbook;
import dev.secrets.rotate.PlaybookException;
import dev.secrets.rotate.PlaybookLoader;
import dev.secrets.rotate.RotationListener;
import dev.secrets.rotate.RotationReport;
import dev.secrets.rotate.appliers.StandardAppliers;
import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code secrets rotate FILE --all | KEY...}: rotates credentials on their servers following the playbook, the
 * file rewritten after each one is applied and verified, so the file always matches what the servers accept.
 */
public final class RotateCredentials {
    private RotateCredentials() {
    }

    /**
     * What to rotate.
     *
     * @param file the encrypted file
     * @param playbook the playbook, or null for {@code secrets-playbook.yaml} beside the file
     * @param keys the credentials to rotate (empty: all)
     * @param dryRun print the plan, touch nothing
     * @param rotateDataKey when every credential is done (or only manual ones pending), also give the file a
     *     fresh data key (the {@code --all} playbook step "re-encrypt everything")
     * @param identities extra identity files
     */
    public record Request(Path file, Path playbook, List<String> keys, boolean dryRun, boolean rotateDataKey,
            List<Path> identities, boolean confirmed) {
        /** Not confirmed: a data key rotation refuses recipients the creation rule does not name. */
        public Request(Path file, Path playbook, List<String> keys, boolean dryRun, boolean rotateDataKey,
                List<Path> identities) {
            this(file, playbook, keys, dryRun, rotateDataKey, identities, false);
        }
    }

    /** Progress for the person watching: one call per step of each credential. */
    @FunctionalInterface
    public interface Progress {
        /** {@code key} reached {@code step} (generating, applying, verifying, committing, ...). */
        void step(String key, String step, String detail);
    }

    /** Runs the rotation; see {@link RotationSummary} for what changed. */
    public static RotationSummary run(Request request, Environment env, Clock clock, SecretPrompt prompt,
            Progress progress) throws FileAccessException, SopsException, KeyException, DotenvSyntaxException,
            PlaybookException, UsageException, EditException {
        Path file = env.resolve(request.file());
        Path playbookPath = request.playbook() != null ? env.resolve(request.playbook())
                : file.resolveSibling(PlaybookLoader.DEFAULT_NAME);
        if (!Files.exists(playbookPath)) {
            throw new UsageException(UsageException.Kind.NOT_CONFIGURED, "no playbook at [" + playbookPath
                    + "]: write one with 'secrets rotate " + request.file() + " --init', or pass --playbook");
        }
        Playbook playbook = PlaybookLoader.load(playbookPath);
        try (Keyring keyring = new Keyring(env, request.identities());
                LockFile lock = FileLocks.acquire(file, request.file().toString(), clock);
                OpenedFile opened = SecretsFiles.open(file, keyring, true)) {
            Map<String, SecretBytes> values = RotationValues.of(opened.plain());
            EncryptedFileStore store = new EncryptedFileStore(file, opened, clock);
            List<String> recipients = opened.stored().metadata().recipients();
            FileJournal journal = new FileJournal(file.resolveSibling("." + file.getFileName() + ".rotation-journal"),
                    new FileJournal.Sealer() {
                        @Override
                        public byte[] seal(SecretBytes value) throws IOException {
                            try {
                                return AgeFiles.encrypt(value, recipients, true);
                            } catch (KeyException e) {
                                throw new IOException("cannot seal the pending value: " + e.getMessage(), e);
                            }
                        }

                        @Override
                        public SecretBytes open(byte[] sealed) throws IOException {
                            try {
                                return AgeFiles.decrypt(sealed, keyring.identities(), "rotation journal");
                            } catch (KeyException e) {
                                throw new IOException("cannot open the rotation journal: " + e.getMessage(), e);
                            }
                        }
                    });
            CredentialRotation rotation = new CredentialRotation(new StandardAppliers(env), new SecretGenerator(),
                    prompt::read, listener(progress));
            try {
                RotationReport report = rotation.run(playbook, values,
                        new CredentialRotation.Request(request.keys().stream().map(k -> {
                            String canonical = dev.secrets.rotate.KeyNames.canonical(k);
                            return canonical == null ? k : canonical;
                        }).toList(), request.dryRun(), true), store, journal);
                List<String> notes = new ArrayList<>();
                if (request.dryRun()) {
                    // a plan leaves nothing behind
                } else if (report.outcome() == RotationReport.Outcome.SOME_FAILED) {
                    if (store.backupPath() != null) {
                        notes.add("previous encrypted file kept at " + store.backupPath() + " (it holds the retired"
                                + " values; the next successful run removes it; keep it out of git: "
                                + LeftBehind.GITIGNORE + ")");
                    }
                } else {
                    notes.addAll(LeftBehind.removeBackups(file));
                }
                if (request.rotateDataKey() && !request.dryRun()
                        && report.outcome() != RotationReport.Outcome.SOME_FAILED) {
                    try {
                        rotateDataKey(file, request, keyring, clock, store, env, notes);
                        notes.add("new data key: every value re-encrypted");
                    } catch (UsageException e) {
                        // The credentials are committed by now: a file secrets cannot re-key is a note, not a failure.
                        if (e.kind() != UsageException.Kind.NOT_CONFIRMED && e.kind() != UsageException.Kind.UNSUPPORTED) {
                            throw e;
                        }
                        notes.add("data key NOT rotated: " + e.getMessage());
                    }
                } else if (request.rotateDataKey() && !request.dryRun()) {
                    notes.add("data key not rotated because a credential failed; run again when it is fixed");
                }
                return RotationSummary.of(report, notes);
            } finally {
                values.values().forEach(SecretBytes::destroy);
                store.current().wipe();
            }
        }
    }

    private static void rotateDataKey(Path file, Request request, Keyring keyring, Clock clock,
            EncryptedFileStore store, Environment env, List<String> notes) throws SopsException, KeyException,
            DotenvSyntaxException, UsageException, FileAccessException, EditException {
        byte[] current = store.onDisk();
        try (OpenedFile now = SecretsFiles.open(current, file.toString(), keyring, true)) {
            TrustedRecipients.check(file, request.file().toString(), RecipientPlan.ofFile(now.stored().metadata()),
                    List.of(), request.confirmed(), env, notes);
            FileIo.replaceIfUnchanged(file, current, DataKeyRotation.rotated(now, keyring, clock), file.toString());
        }
    }

    private static RotationListener listener(Progress progress) {
        return (key, step, detail) -> progress.step(key, step.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                detail);
    }
}
