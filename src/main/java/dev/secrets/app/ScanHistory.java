package dev.secrets.app;

import dev.secrets.audit.CredentialKeys;
import dev.secrets.audit.EncodedForms;
import dev.secrets.audit.HistoryScan;
import dev.secrets.audit.ValueDigests;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code secrets scan-history [PATH]}: decrypts the credentials of every encrypted file of the repository — the
 * current values, and the retired ones from rotation backups and from the files' own git history — and searches
 * every blob git has for any of them, as they are or base64/URL-encoded. Reports commit, path, key and whether
 * the value is still current; never the value.
 */
public final class ScanHistory {
    /** Values shorter than this are not searched for: they would match by chance. */
    static final int MIN_VALUE = 8;

    private ScanHistory() {
    }

    /**
     * What to scan.
     *
     * @param path a folder in the repository (null: the working folder)
     * @param identities extra identity files
     * @param allKeys search for every value, not only credential-like keys and URL passwords
     */
    public record Request(Path path, List<Path> identities, boolean allKeys) {
        /** Copies the list. */
        public Request {
            identities = List.copyOf(identities);
        }
    }

    /**
     * A secret found in history.
     *
     * @param commit the commit that brought it (short id), or {@code unreachable}
     * @param path where it was in that commit
     * @param file the encrypted file the secret belongs to
     * @param key its key there
     * @param current true when the value is still in use
     * @param encoding how it was written ({@code plain}, {@code base64}, {@code url})
     */
    public record Hit(String commit, String path, String file, String key, boolean current, String encoding) {
    }

    /**
     * What the scan found and covered.
     *
     * @param hits every place a secret was found
     * @param secrets distinct values searched for
     * @param commits commits walked
     * @param blobs blobs read
     * @param bytes bytes searched
     * @param warnings versions or backups that could not be opened
     */
    public record Result(List<Hit> hits, int secrets, long commits, long blobs, long bytes, List<String> warnings) {
    }

    private static final class Secret {
        final String file;
        final String key;
        final byte[] value;
        boolean current;

        Secret(String file, String key, byte[] value, boolean current) {
            this.file = file;
            this.key = key;
            this.value = value;
            this.current = current;
        }
    }

    /** Scans the repository of {@code request.path()}. */
    public static Result run(Request request, Environment env) throws NotARepositoryException, FileAccessException {
        AuditScope scope = AuditScope.of(request.path(), List.of(), env);
        Map<ByteBuffer, Secret> secrets = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ValueDigests digests = new ValueDigests();
        List<HistoryScan.Needle> needles = new ArrayList<>();
        try (Keyring keyring = new Keyring(env, request.identities())) {
            for (Path file : scope.files()) {
                String name = scope.name(file);
                collect(FileIo.read(file), name, name, true, keyring, request.allKeys(), digests, secrets, warnings);
                for (Path backup : backups(file)) {
                    collect(FileIo.read(backup), name, scope.name(backup), false, keyring, request.allKeys(), digests,
                            secrets, warnings);
                }
                for (FileHistory.Version version : FileHistory.of(scope.git(), file)) {
                    collect(version.bytes(), name, name + " @ " + version.shortCommit(), false, keyring,
                            request.allKeys(), digests, secrets, warnings);
                }
            }
            List<Secret> list = new ArrayList<>(secrets.values());
            for (int i = 0; i < list.size(); i++) {
                for (EncodedForms.Form form : EncodedForms.of(list.get(i).value)) {
                    needles.add(new HistoryScan.Needle(i, form.encoding(), form.bytes()));
                }
            }
            HistoryScan.Result scan = HistoryScan.scan(scope.git(), needles);
            List<Hit> hits = new ArrayList<>();
            for (HistoryScan.Hit hit : scan.hits()) {
                Secret s = list.get(hit.secret());
                String commit = hit.commit().equals(HistoryScan.UNREACHABLE) ? hit.commit()
                        : hit.commit().substring(0, 12);
                hits.add(new Hit(commit, hit.path(), s.file, s.key, s.current, hit.encoding()));
            }
            return new Result(hits, list.size(), scan.commits(), scan.blobs(), scan.bytes(), warnings);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, scope.git().root(), e.getMessage(), e);
        } finally {
            secrets.values().forEach(s -> SecretBytes.wipe(s.value));
            needles.forEach(n -> SecretBytes.wipe(n.bytes()));
        }
    }

    /** The rotation backups beside {@code file} ({@code FILE.backup-<time>}). */
    private static List<Path> backups(Path file) throws IOException {
        List<Path> out = new ArrayList<>();
        String prefix = file.getFileName() + ".backup-";
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.toAbsolutePath().getParent(),
                p -> p.getFileName().toString().startsWith(prefix))) {
            dir.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** Keeps {@code value} (or its URL password) as a secret to search for, when it is one; wipes it. */
    private static void remember(String key, String name, byte[] value, String file, boolean current,
            boolean allKeys, ValueDigests digests, Map<ByteBuffer, Secret> secrets) {
        byte[] secret = null;
        try {
            int[] url = CredentialKeys.urlPassword(value);
            if (url != null && !CredentialKeys.looksLikeCredential(name)) {
                secret = java.util.Arrays.copyOfRange(value, url[0], url[1]);
            } else if (allKeys || CredentialKeys.looksLikeCredential(name)) {
                secret = value.clone();
            }
            if (secret == null || secret.length < MIN_VALUE) {
                return;
            }
            Secret known = secrets.get(digests.digest(secret));
            if (known != null) {
                known.current |= current;
            } else {
                secrets.put(digests.digest(secret), new Secret(file, key, secret, current));
                secret = null;
            }
        } finally {
            SecretBytes.wipe(value);
            SecretBytes.wipe(secret);
        }
    }

    private static void collect(byte[] bytes, String file, String source, boolean current, Keyring keyring,
            boolean allKeys, ValueDigests digests, Map<ByteBuffer, Secret> secrets, List<String> warnings) {
        try (OpenedFile opened = SecretsFiles.open(bytes, source, keyring, false)) {
            TreeLeaves.each(opened.plain(), (path, scalar) -> remember(TreeLeaves.key(path), TreeLeaves.name(path),
                    scalar.bytes(), file, current, allKeys, digests, secrets));
        } catch (SopsException | KeyException | DotenvSyntaxException | RuntimeException e) {
            warnings.add("[" + source + "] not searched for: " + e.getMessage());
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }
}
