package dev.secrets.app;

import dev.secrets.audit.CredentialKeys;
import dev.secrets.audit.Git;
import dev.secrets.audit.RotationRecord;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.rotate.Playbook;
import dev.secrets.rotate.PlaybookException;
import dev.secrets.rotate.PlaybookLoader;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code secrets status [FILE...]}: per file who can decrypt it (recipients, named where a comment names them),
 * since when its data key is in use, and per credential when it last changed — from the rotation record, else
 * from the file's git history (values compared in memory) — against the playbook's {@code max_age}.
 */
public final class CredentialStatus {
    private CredentialStatus() {
    }

    /**
     * What to report on.
     *
     * @param files the encrypted files; empty: every encrypted file of the repository of the working folder
     * @param identities extra identity files
     */
    public record Request(List<Path> files, List<Path> identities) {
        /** Copies the lists. */
        public Request {
            files = List.copyOf(files);
            identities = List.copyOf(identities);
        }
    }

    /**
     * A recipient of a file.
     *
     * @param recipient the public key
     * @param name its name from a comment, or null
     */
    public record Recipient(String recipient, String name) {
    }

    /**
     * One credential's age.
     *
     * @param key the key
     * @param changed when its value last changed, or null when not known
     * @param source where that came from: {@code rotation record}, {@code git history}, {@code not committed}, {@code unknown}
     * @param maxAge the playbook's limit, or null
     * @param overdue true when older than {@code maxAge}
     */
    public record Credential(String key, Instant changed, String source, Duration maxAge, boolean overdue) {
        /** The limit as a playbook writes it ({@code 30d}), or null. */
        public String maxAgeText() {
            return maxAge == null ? null : dev.secrets.rotate.MaxAge.format(maxAge);
        }
    }

    /**
     * One file's status.
     *
     * @param file the file (relative to the repository when in one)
     * @param recipients who can decrypt it
     * @param dataKeySince when its data key was first used, or null when not known
     * @param credentials its credentials (playbook entries and credential-like keys)
     * @param warnings what could not be worked out
     */
    public record FileStatus(String file, List<Recipient> recipients, Instant dataKeySince,
            List<Credential> credentials, List<String> warnings) {
        /** True when a credential is overdue. */
        public boolean anyOverdue() {
            return credentials.stream().anyMatch(Credential::overdue);
        }
    }

    /** Every file's status. */
    public record Result(List<FileStatus> files, Instant now) {
        /** True when some credential of some file is overdue. */
        public boolean anyOverdue() {
            return files.stream().anyMatch(FileStatus::anyOverdue);
        }
    }

    /** Reports on every requested file. */
    public static Result run(Request request, Environment env, Clock clock) throws NotARepositoryException,
            FileAccessException, SopsException, KeyException, DotenvSyntaxException, PlaybookException {
        List<Path> files = new ArrayList<>();
        Git git;
        if (request.files().isEmpty()) {
            AuditScope scope = AuditScope.of(null, List.of(), env);
            git = scope.git();
            files.addAll(scope.files());
        } else {
            request.files().forEach(f -> files.add(env.resolve(f)));
            git = Git.at(files.get(0).toAbsolutePath().getParent(), env.variables()).orElse(null);
        }
        List<FileStatus> out = new ArrayList<>();
        RecipientDirectory names = new RecipientDirectory(env, request.identities());
        try (Keyring keyring = new Keyring(env, request.identities())) {
            for (Path file : files) {
                out.add(of(file, display(git, file), git, keyring, names, clock));
            }
        }
        return new Result(out, clock.instant());
    }

    private static String display(Git git, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return git != null && abs.startsWith(git.root()) ? git.root().relativize(abs).toString() : file.toString();
    }

    /** The status of one file; {@code git} may be null (no history then). */
    static FileStatus of(Path file, String display, Git git, Keyring keyring, RecipientDirectory directory,
            Clock clock) throws FileAccessException, SopsException, KeyException, DotenvSyntaxException,
            PlaybookException {
        List<String> warnings = new ArrayList<>();
        Playbook playbook = playbook(file);
        RotationRecord record;
        try {
            record = RotationRecords.read(file).orElse(RotationRecord.empty());
        } catch (RotationRecord.MalformedException e) {
            warnings.add(e.getMessage() + "; ages from git history only");
            record = RotationRecord.empty();
        }
        try (OpenedFile current = SecretsFiles.open(file, keyring, true)) {
            Map<String, String> names = directory.namesFor(file);
            List<Recipient> recipients = new ArrayList<>(current.stored().metadata().recipients().stream()
                    .map(r -> new Recipient(r, names.get(r))).toList());
            // Keys of other types open the file too (with sops); list them so nobody thinks they are gone.
            current.stored().metadata().foreignKeys().forEach(k -> recipients.add(new Recipient(k.label()
                    + (k.grouped() ? " (key group " + (k.group() + 1) + ")" : ""), "usable with sops only")));
            Map<String, Instant> since = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>();
            TreeLeaves.each(current.plain(), (path, scalar) -> {
                String key = TreeLeaves.key(path);
                boolean listed = playbook != null && playbook.credential(key).isPresent();
                byte[] value = scalar.bytes();
                try {
                    if ((listed || CredentialKeys.looksLikeCredential(TreeLeaves.name(path))
                            || CredentialKeys.urlPassword(value) != null) && !keys.contains(key)) {
                        keys.add(key);
                    }
                } finally {
                    SecretBytes.wipe(value);
                }
            });
            Instant dataKeySince = git == null ? null : history(git, file, current, keys, keyring, since, warnings);
            List<Credential> credentials = new ArrayList<>();
            Instant now = clock.instant();
            for (String key : keys) {
                Instant fromRecord = record.changed().get(key);
                Instant fromHistory = since.get(key);
                Instant changed = latest(fromRecord, fromHistory);
                String source = changed == null ? "unknown" : changed.equals(fromRecord) ? "rotation record"
                        : "git history";
                if (changed == null && git != null) {
                    changed = lastModified(current);
                    source = "not committed";
                }
                Duration maxAge = playbook == null ? null : playbook.credential(key)
                        .map(dev.secrets.rotate.Credential::maxAge).orElse(null);
                boolean overdue = maxAge != null && changed != null && Duration.between(changed, now).compareTo(maxAge) > 0;
                credentials.add(new Credential(key, changed, source, maxAge, overdue));
            }
            warnings.addAll(current.warnings());
            return new FileStatus(display, recipients, dataKeySince, credentials, warnings);
        }
    }

    private static Playbook playbook(Path file) throws PlaybookException {
        Path path = file.resolveSibling(PlaybookLoader.DEFAULT_NAME);
        return Files.isRegularFile(path) ? PlaybookLoader.load(path) : null;
    }

    /**
     * Walks the file's versions newest first while they can be opened: fills {@code since} with the oldest
     * commit time from which each key has had its current value, and returns the same for the data key.
     */
    private static Instant history(Git git, Path file, OpenedFile current, List<String> keys, Keyring keyring,
            Map<String, Instant> since, List<String> warnings) {
        List<FileHistory.Version> versions;
        try {
            versions = FileHistory.of(git, file);
        } catch (IOException e) {
            warnings.add("git history not read: " + e.getMessage());
            return null;
        }
        Instant dataKeySince = null;
        boolean dataKeySame = true;
        List<String> open = new ArrayList<>(keys);
        for (FileHistory.Version version : versions) {
            if (!dataKeySame && open.isEmpty()) {
                break;
            }
            try (OpenedFile old = SecretsFiles.open(version.bytes(), version.shortCommit(), keyring, false)) {
                if (dataKeySame && old.dataKey().equalsConstantTime(current.dataKey())) {
                    dataKeySince = version.time();
                } else {
                    dataKeySame = false;
                }
                for (String key : List.copyOf(open)) {
                    if (sameValue(current, old, key)) {
                        since.put(key, version.time());
                    } else {
                        open.remove(key);
                    }
                }
            } catch (SopsException | KeyException | DotenvSyntaxException | RuntimeException e) {
                // An older version this identity cannot open: ages are known up to here.
                break;
            } finally {
                java.util.Arrays.fill(version.bytes(), (byte) 0);
            }
        }
        return dataKeySince;
    }

    private static boolean sameValue(OpenedFile a, OpenedFile b, String key) {
        var left = TreeLeaves.at(a.plain(), key);
        var right = TreeLeaves.at(b.plain(), key);
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        SecretBytes l = SecretBytes.adopt(left.get().bytes());
        byte[] r = right.get().bytes();
        try {
            return l.equalsConstantTime(r);
        } finally {
            l.destroy();
            SecretBytes.wipe(r);
        }
    }

    private static Instant lastModified(OpenedFile file) {
        try {
            return Instant.parse(file.stored().metadata().lastModified());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
