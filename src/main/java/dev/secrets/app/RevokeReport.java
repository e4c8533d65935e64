package dev.secrets.app;

import dev.secrets.audit.CredentialKeys;
import dev.secrets.audit.ValueDigests;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code secrets revoke-report RECIPIENT}: walks the git history of every encrypted file and lists each
 * credential the recipient could ever decrypt (a version whose key groups held the recipient), marking the
 * ones whose value is still the current one — those are what to rotate. Also says when the current data key is
 * one the recipient held. Values are compared in memory only.
 */
public final class RevokeReport {
    private RevokeReport() {
    }

    /**
     * What to report on.
     *
     * @param path a folder in the repository (null: the working folder)
     * @param recipient the age recipient (or its name from a {@code .sops.yaml} comment)
     * @param files only these encrypted files (empty: all of the repository)
     * @param identities extra identity files
     */
    public record Request(Path path, String recipient, List<Path> files, List<Path> identities) {
        /** Copies the lists. */
        public Request {
            files = List.copyOf(files);
            identities = List.copyOf(identities);
        }
    }

    /**
     * A credential the recipient could read.
     *
     * @param file the encrypted file
     * @param key the key
     * @param current true when a value the recipient could read is still the current one
     * @param firstCommit the oldest commit in which the recipient could read it (short id)
     * @param lastCommit the newest such commit
     */
    public record Exposure(String file, String key, boolean current, String firstCommit, String lastCommit) {
    }

    /**
     * The report.
     *
     * @param recipient the recipient, resolved
     * @param exposures every credential the recipient could read, per file in key order
     * @param dataKeyStillHeld files whose current data key the recipient held (every value of them is exposed)
     * @param warnings versions that could not be opened
     */
    public record Result(String recipient, List<Exposure> exposures, List<String> dataKeyStillHeld,
            List<String> warnings) {
        /** The still-current credentials of {@code file}, in order: the keys to rotate. */
        public List<String> toRotate(String file) {
            return exposures.stream().filter(e -> e.file().equals(file) && e.current()).map(Exposure::key).toList();
        }

        /** True when something the recipient could read is still in use. */
        public boolean anyCurrent() {
            return !dataKeyStillHeld.isEmpty() || exposures.stream().anyMatch(Exposure::current);
        }
    }

    /** Builds the report. */
    public static Result run(Request request, Environment env) throws NotARepositoryException,
            FileAccessException, UsageException {
        AuditScope scope = AuditScope.of(request.path(), request.files(), env);
        RecipientDirectory directory = new RecipientDirectory(env, request.identities());
        String recipient = resolve(request.recipient(), scope, directory);
        List<Exposure> exposures = new ArrayList<>();
        List<String> heldKeys = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ValueDigests digests = new ValueDigests();
        try (Keyring keyring = new Keyring(env, request.identities())) {
            for (Path file : scope.files()) {
                String name = scope.name(file);
                Map<String, Set<ByteBuffer>> seen = new LinkedHashMap<>();
                Map<String, String[]> commits = new LinkedHashMap<>();
                Set<ByteBuffer> dataKeys = new HashSet<>();
                for (FileHistory.Version version : FileHistory.of(scope.git(), file)) {
                    readable(version, recipient, keyring, digests, seen, commits, dataKeys, warnings, name);
                }
                try (OpenedFile current = SecretsFiles.open(file, keyring, true)) {
                    byte[] key = current.dataKey().copy();
                    if (dataKeys.contains(digests.digest(key))) {
                        heldKeys.add(name);
                    }
                    SecretBytes.wipe(key);
                    for (Map.Entry<String, Set<ByteBuffer>> entry : seen.entrySet()) {
                        boolean still = TreeLeaves.at(current.plain(), entry.getKey()).map(scalar -> {
                            byte[] value = scalar.bytes();
                            try {
                                return entry.getValue().contains(digests.digest(value));
                            } finally {
                                SecretBytes.wipe(value);
                            }
                        }).orElse(false);
                        String[] range = commits.get(entry.getKey());
                        exposures.add(new Exposure(name, entry.getKey(), still, range[0], range[1]));
                    }
                } catch (SopsException | KeyException | DotenvSyntaxException e) {
                    warnings.add("[" + name + "] current version not opened: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, scope.git().root(), e.getMessage(), e);
        }
        return new Result(recipient, exposures, heldKeys, warnings);
    }

    private static String resolve(String given, AuditScope scope, RecipientDirectory directory)
            throws UsageException {
        if (given.startsWith("age1") || given.startsWith("ssh-")) {
            return given;
        }
        for (Path file : scope.files()) {
            for (Map.Entry<String, String> entry : directory.namesFor(file).entrySet()) {
                if (entry.getValue().equals(given)) {
                    return entry.getKey();
                }
            }
        }
        throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "[" + given + "] is neither an age"
                + " recipient nor a name given to one in a .sops.yaml comment");
    }

    /** Records what {@code recipient} could read in {@code version} (newest first, so the last seen is the oldest). */
    private static void readable(FileHistory.Version version, String recipient, Keyring keyring,
            ValueDigests digests, Map<String, Set<ByteBuffer>> seen, Map<String, String[]> commits,
            Set<ByteBuffer> dataKeys, List<String> warnings, String name) {
        try {
            if (!SecretsFiles.read(version.bytes(), name).metadata().recipients().contains(recipient)) {
                return;
            }
            try (OpenedFile opened = SecretsFiles.open(version.bytes(), name, keyring, false)) {
                byte[] key = opened.dataKey().copy();
                dataKeys.add(digests.digest(key));
                SecretBytes.wipe(key);
                TreeLeaves.each(opened.plain(), (path, scalar) -> {
                    String named = TreeLeaves.key(path);
                    byte[] value = scalar.bytes();
                    try {
                        if (!CredentialKeys.looksLikeCredential(TreeLeaves.name(path))
                                && CredentialKeys.urlPassword(value) == null) {
                            return;
                        }
                        seen.computeIfAbsent(named, k -> new HashSet<>()).add(digests.digest(value));
                        String[] range = commits.computeIfAbsent(named,
                                k -> new String[] {version.shortCommit(), version.shortCommit()});
                        range[0] = version.shortCommit();
                    } finally {
                        SecretBytes.wipe(value);
                    }
                });
            }
        } catch (SopsException | KeyException | DotenvSyntaxException | RuntimeException e) {
            warnings.add("[" + name + " @ " + version.shortCommit() + "] not opened: " + e.getMessage());
        } finally {
            java.util.Arrays.fill(version.bytes(), (byte) 0);
        }
    }
}
