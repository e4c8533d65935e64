package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} flags a recipient that neither the {@code .sops.yaml} creation rule nor the committed version of
 * the file names (recipients are not covered by the MAC, so such a one would receive the next data key), with the
 * same notion of trust as {@code rotate}/{@code updatekeys}, which refuse it with exit 85.
 */
class DoctorUntrustedRecipientTest {
    private static final String PLAIN = "API_TOKEN=" + AuditFixture.STRONG + "\n";

    @TempDir
    Path dir;

    @Test
    void doctor_recipientAddedOutsideRuleAndHead_flaggedUntrusted() throws Exception {
        AuditFixture f = AuditFixture.committed(dir, PLAIN);
        Keys mallory = Keys.create(dir.resolve("mallory.txt"));
        Files.delete(f.repo.root().resolve("app.env.enc"));
        f.encrypt("app.env.enc", PLAIN, f.alice, mallory);

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        String line = line(run.out(), "encrypted.untrusted-recipient");
        assertTrue(line.contains("app.env.enc") && line.contains(mallory.recipient()), run.out());
        assertFalse(line.contains(f.alice.recipient()), "only the untrusted one is named: " + line);
        assertTrue(line.contains("secrets updatekeys app.env.enc"), line);
        assertFalse(run.out().contains(AuditFixture.STRONG), "a value was printed");

        // The rotate side agrees: it refuses to give the untrusted recipient a new data key.
        Cli.Run rotate = f.cli().run("rotate", "app.env.enc", "--data-key");
        assertEquals(ExitCode.NOT_CONFIRMED.code(), rotate.exitCode(), rotate.stderr());
        assertTrue(rotate.stderr().contains(mallory.recipient()), rotate.stderr());
    }

    @Test
    void doctor_noRuleRecipientNotInCommittedVersion_flaggedUntrusted() throws Exception {
        AuditFixture f = AuditFixture.committed(dir, PLAIN);
        f.repo.git("rm", "-q", ".sops.yaml");
        f.repo.commitAll("no rules");
        Files.delete(f.repo.root().resolve("app.env.enc"));
        f.encrypt("app.env.enc", PLAIN, f.alice, f.bob);

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        String line = line(run.out(), "encrypted.untrusted-recipient");
        assertTrue(line.contains(f.bob.recipient()), line);
        assertTrue(run.out().contains("encrypted.no-rule"), run.out());
    }

    @Test
    void doctor_recipientInCommittedVersionNotInRule_driftNotUntrusted() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.config(f.alice);
        f.encrypt("app.env.enc", PLAIN, f.alice, f.bob);
        f.repo.commitAll("bob still has it"); // bob left later: a stale recipient, not an injected one

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        assertTrue(run.out().contains("encrypted.recipients-drift"), run.out());
        assertFalse(run.out().contains("encrypted.untrusted-recipient"), run.out());
    }

    @Test
    void doctor_recipientsMatchRule_noRecipientFinding() throws Exception {
        AuditFixture f = AuditFixture.committed(dir, PLAIN);
        Cli.Run run = f.cli().run("doctor", "--json");
        assertFalse(run.out().contains("untrusted-recipient") || run.out().contains("recipients-drift"), run.out());
    }

    private static String line(String table, String check) {
        List<String> lines = table.lines().filter(l -> l.startsWith(check)).toList();
        assertEquals(1, lines.size(), table);
        return lines.get(0);
    }
}
