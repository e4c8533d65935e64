package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.HistoryRepo;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A git repository of encrypted files built for the audit commands' tests: the user's key (alice) lives outside
 * the repository, mode 0600.
 */
final class AuditFixture {
    /** A strong value (43 characters of base64url). */
    static final String STRONG = "kW9vP2xR7mN4tL8sQ1yB6cD3fG5hJ0aZ-uE2oI7rT9w";
    /** Another strong value. */
    static final String STRONG_2 = "Hq4nZ8wK1pV6sD9xM3cR7tB2yF5gL0jA_eU8iO4kN6m";
    final HistoryRepo repo;
    final Keys alice;
    final Keys bob;

    private AuditFixture(HistoryRepo repo, Keys alice, Keys bob) {
        this.repo = repo;
        this.alice = alice;
        this.bob = bob;
    }

    static AuditFixture in(Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Keys alice = Keys.create(keys.resolve("alice.txt"));
        Keys bob = Keys.create(keys.resolve("bob.txt"));
        Files.setPosixFilePermissions(alice.file(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(bob.file(), PosixFilePermissions.fromString("rw-------"));
        return new AuditFixture(HistoryRepo.init(dir.resolve("repo")), alice, bob);
    }

    /** A fixture whose first commit holds {@code app.env.enc} with dotenv {@code plain}, for alice (the rule's only recipient). */
    static AuditFixture committed(Path dir, String plain) throws Exception {
        AuditFixture f = in(dir);
        f.config(f.alice);
        f.encrypt("app.env.enc", plain, f.alice);
        f.repo.commitAll("encrypted");
        return f;
    }

    /** The command line in the repository, as alice. */
    Cli cli() {
        return new Cli(repo.root()).env("SOPS_AGE_KEY_FILE", alice.file().toString());
    }

    /** A {@code .sops.yaml} giving every {@code *.env.enc} to {@code recipients} (alice named in a comment). */
    void config(Keys... recipients) throws Exception {
        StringBuilder list = new StringBuilder();
        for (Keys k : recipients) {
            list.append(list.length() == 0 ? "" : ",").append(k.recipient());
        }
        repo.write(".sops.yaml", "# alice: " + alice.recipient() + "\n# bob: " + bob.recipient() + "\n"
                + "creation_rules:\n  - path_regex: .*\\.env\\.enc$\n    age: " + list + "\n");
    }

    /** Encrypts dotenv {@code plain} to {@code path} (relative to the root) for {@code recipients}. */
    Path encrypt(String path, String plain, Keys... recipients) throws Exception {
        Path target = repo.root().resolve(path);
        Files.createDirectories(target.getParent());
        Path plainFile = Files.createTempFile(repo.root().getParent(), "plain", ".env");
        Files.writeString(plainFile, plain);
        StringBuilder list = new StringBuilder();
        for (Keys k : recipients) {
            list.append(list.length() == 0 ? "" : ",").append(k.recipient());
        }
        Cli.Run run = cli().run("encrypt", "--age", list.toString(), plainFile.toString(), "-o", target.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Files.delete(plainFile);
        return target;
    }
}
