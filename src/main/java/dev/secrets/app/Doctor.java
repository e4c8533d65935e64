package dev.secrets.app;

import dev.secrets.audit.Finding;
import dev.secrets.audit.IdentityPermissions;
import dev.secrets.audit.ProductionFlags;
import dev.secrets.config.ConfigException;
import dev.secrets.config.CreationRule;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.rotate.Playbook;
import dev.secrets.rotate.PlaybookException;
import dev.secrets.rotate.PlaybookLoader;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code secrets doctor [PATH]}: the deployment guides' checklists, executed on a repository — git hygiene,
 * each encrypted file (parses, MAC, recipients against {@code .sops.yaml}), its values (weak, reused,
 * production flags), identity file permissions, playbook coverage and overdue credentials. Each check and its
 * rationale is in {@code docs/doctor.md}. Values are compared in memory only.
 */
public final class Doctor {
    private Doctor() {
    }

    /**
     * What to check.
     *
     * @param path a folder in the repository (null: the working folder)
     * @param identities extra identity files
     * @param productionNames file names that say production (null: {@link ProductionFlags#DEFAULT_PRODUCTION_NAME})
     */
    public record Request(Path path, List<Path> identities, Pattern productionNames) {
        /** Copies the list. */
        public Request {
            identities = List.copyOf(identities);
        }
    }

    /**
     * What was found.
     *
     * @param root the repository checked
     * @param findings every problem, in check order
     * @param encryptedFiles how many encrypted files were checked
     */
    public record Result(Path root, List<Finding> findings, int encryptedFiles) {
        /** True when some finding is a failure. */
        public boolean failed() {
            return findings.stream().anyMatch(f -> f.severity() == dev.secrets.audit.Severity.FAIL);
        }
    }

    /** Runs every check. */
    public static Result run(Request request, Environment env, Clock clock) throws NotARepositoryException,
            FileAccessException {
        AuditScope scope = AuditScope.of(request.path(), List.of(), env);
        List<Finding> findings = new ArrayList<>(scope.hygiene().findings());
        Pattern production = request.productionNames() != null ? request.productionNames()
                : ProductionFlags.DEFAULT_PRODUCTION_NAME;
        ValueFindings values = new ValueFindings();
        RecipientDirectory directory = new RecipientDirectory(env, request.identities());
        try (Keyring keyring = new Keyring(env, request.identities())) {
            for (Path file : scope.files()) {
                String name = scope.name(file);
                findings.addAll(recipients(file, name, env, directory));
                findings.addAll(UntrustedRecipients.check(file, name, env, scope.git(), directory));
                try (OpenedFile opened = SecretsFiles.open(file, keyring, true)) {
                    Playbook playbook = playbook(file, name, findings);
                    findings.addAll(values.of(opened, name, production.matcher(file.getFileName().toString()).find(),
                            playbook));
                    overdue(file, name, scope, keyring, directory, clock, findings);
                } catch (KeyException.NoIdentityFound | KeyException.NoIdentityMatched e) {
                    // A key group of pgp/kms keys only is no matter of identities: say which group is missing.
                    String why = e.getMessage().contains(" has only ") ? " (" + e.getMessage() + ")" : "";
                    findings.add(Finding.warn("encrypted.not-verified", name, "no identity can open it" + why
                            + ", so its MAC and values were not checked: run with --identity or SOPS_AGE_KEY_FILE"));
                } catch (SopsException.MacMismatch e) {
                    findings.add(Finding.fail("encrypted.mac", name, "the MAC does not match: values were changed"
                            + " outside sops/secrets; restore it from git ('git checkout -- " + name + "')"));
                } catch (SopsException | DotenvSyntaxException | KeyException e) {
                    findings.add(Finding.fail("encrypted.parse", name, "cannot be opened (" + e.getMessage()
                            + "); restore it from git"));
                }
            }
        }
        findings.addAll(values.reused());
        findings.addAll(identityFiles(env, request.identities(), scope));
        findings.addAll(Leftovers.findings(env, repositoryFolders(scope)));
        return new Result(scope.git().root(), findings, scope.files().size());
    }

    private static List<Finding> recipients(Path file, String name, Environment env, RecipientDirectory directory)
            throws FileAccessException {
        try {
            SopsDocument document = SecretsFiles.read(FileIo.read(file), name);
            Optional<CreationRule> rule = CreationRules.find(file, null, env, new ArrayList<>());
            if (rule.isEmpty()) {
                return List.of(Finding.warn("encrypted.no-rule", name, "no .sops.yaml creation rule covers it, so"
                        + " nothing says who should read it: add one (docs/config.md)"));
            }
            KeyChange change = KeyChange.between(RecipientPlan.ofFile(document.metadata()),
                    RecipientPlan.ofRuleWithForeign(rule.get()), false);
            if (change.recipientsUnchanged()) {
                return List.of();
            }
            Map<String, String> names = directory.namesFor(file);
            List<String> lines = change.describe().stream().map(line -> named(line, names)).toList();
            return List.of(Finding.fail("encrypted.recipients-drift", name, "recipients differ from .sops.yaml ("
                    + String.join(", ", lines) + "): run 'secrets updatekeys " + name + "'"));
        } catch (ConfigException.NoMatchingRule e) {
            return List.of(Finding.warn("encrypted.no-rule", name, "no .sops.yaml creation rule matches it: add"
                    + " one (docs/config.md)"));
        } catch (ConfigException | UsageException e) {
            return List.of(Finding.fail("encrypted.config", name, e.getMessage()));
        } catch (SopsException | DotenvSyntaxException e) {
            return List.of(Finding.fail("encrypted.parse", name, "cannot be read (" + e.getMessage()
                    + "); restore it from git"));
        }
    }

    private static String named(String line, Map<String, String> names) {
        for (Map.Entry<String, String> entry : names.entrySet()) {
            if (line.contains(entry.getKey())) {
                return line + " (" + entry.getValue() + ")";
            }
        }
        return line;
    }

    private static Playbook playbook(Path file, String name, List<Finding> findings) {
        Path path = file.resolveSibling(PlaybookLoader.DEFAULT_NAME);
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try {
            return PlaybookLoader.load(path);
        } catch (PlaybookException e) {
            findings.add(Finding.fail("playbook.invalid", name, e.getMessage()));
            return null;
        }
    }

    private static void overdue(Path file, String name, AuditScope scope, Keyring keyring,
            RecipientDirectory directory, Clock clock, List<Finding> findings) {
        try {
            CredentialStatus.FileStatus status = CredentialStatus.of(file, name, scope.git(), keyring, directory,
                    clock);
            for (CredentialStatus.Credential credential : status.credentials()) {
                if (credential.overdue()) {
                    findings.add(Finding.fail("rotation.overdue", name + ":" + credential.key(), "last changed "
                            + credential.changed() + ", older than its max_age of "
                            + dev.secrets.rotate.MaxAge.format(credential.maxAge()) + ": run 'secrets rotate " + name
                            + " " + credential.key() + "'"));
                }
            }
        } catch (FileAccessException | SopsException | KeyException | DotenvSyntaxException
                | PlaybookException e) {
            // The same file's problems are reported by the other checks.
        }
    }

    /**
     * The repository's root, every folder holding a tracked or encrypted file, and every folder holding an untracked
     * (even ignored) {@code .*.tmp-*} file: where killed writes may have left their temporary copies.
     */
    private static List<Path> repositoryFolders(AuditScope scope) {
        java.util.Set<Path> folders = new java.util.LinkedHashSet<>();
        Path root = scope.git().root();
        folders.add(root);
        scope.files().forEach(f -> folders.add(f.toAbsolutePath().getParent()));
        try {
            scope.git().tracked().forEach(f -> folders.add(root.resolve(f).getParent()));
            String temps = new String(scope.git().run("ls-files", "-z", "--others", "--", ":(glob)**/.*.tmp-*"),
                    java.nio.charset.StandardCharsets.UTF_8);
            for (String temp : temps.split("\0")) {
                if (!temp.isEmpty()) {
                    folders.add(root.resolve(temp).getParent());
                }
            }
        } catch (IOException e) {
            // the encrypted files' folders are still checked
        }
        return List.copyOf(folders);
    }

    private static List<Finding> identityFiles(Environment env, List<Path> explicit, AuditScope scope) {
        List<Finding> findings = new ArrayList<>();
        List<Path> files = new ArrayList<>(RecipientDirectory.identityFiles(env, explicit));
        scope.hygiene().keyFiles().forEach(p -> {
            if (!files.contains(p)) {
                files.add(p);
            }
        });
        String user = IdentityPermissions.currentUser(env.get("USER"));
        for (Path file : files) {
            try {
                IdentityPermissions.problem(file, user).ifPresent(problem -> findings.add(Finding.fail(
                        "identity.permissions", file.toString(), problem + " (ssh refuses such keys): chmod 600 '"
                                + file + "'" + (problem.startsWith("owned") ? " and chown it to yourself" : ""))));
            } catch (IOException e) {
                findings.add(Finding.warn("identity.permissions", file.toString(), "cannot read its permissions: "
                        + e.getMessage()));
            }
        }
        return findings;
    }
}
