package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets status} and {@code secrets revoke-report} on real git histories of encrypted files. */
class StatusAndRevokeTest {
    private static final String T1 = "T1-" + AuditFixture.STRONG;
    private static final String T2 = "T2-" + AuditFixture.STRONG;
    private static final String J1 = "J1-" + AuditFixture.STRONG_2;
    private static final String J2 = "J2-" + AuditFixture.STRONG_2;
    private static final String P1 = "P1-" + AuditFixture.STRONG_2;

    @TempDir
    Path dir;

    private static String plain(String password, String token, String jwt) {
        return "DB_PASSWORD=" + password + "\nAPI_TOKEN=" + token + "\nJWT_SECRET=" + jwt + "\nPORT=8080\n";
    }

    /** History: alice only; bob added; a token changed while bob can read; bob removed; the jwt changed. */
    private AuditFixture history() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.config(f.alice);
        f.repo.write("secrets-playbook.yaml", "version: 1\ncredentials:\n  - key: DB_PASSWORD\n    max_age: 90d\n"
                + "  - key: API_TOKEN\n  - key: JWT_SECRET\n");
        f.repo.write(".gitignore", "*.backup-*\n.*.lock\n");
        f.encrypt("app.env.enc", plain(P1, T1, J1), f.alice);
        f.repo.commitAll("alice only", "2020-01-01T00:00:00Z");
        f.config(f.alice, f.bob);
        f.encrypt("app.env.enc", plain(P1, T1, J1), f.alice, f.bob);
        f.repo.commitAll("bob joins", "2020-02-01T00:00:00Z");
        f.encrypt("app.env.enc", plain(P1, T2, J1), f.alice, f.bob);
        f.repo.commitAll("new token", "2020-03-01T00:00:00Z");
        f.config(f.alice);
        f.encrypt("app.env.enc", plain(P1, T2, J2), f.alice);
        f.repo.commitAll("bob leaves, jwt rotated", "2020-04-01T00:00:00Z");
        return f;
    }

    @Test
    void revokeReport_recipientAddedThenRemoved_listsExactlyWhatItCouldRead() throws Exception {
        AuditFixture f = history();
        Cli.Run run = f.cli().run("revoke-report", f.bob.recipient(), "--json");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr());
        List<String> rows = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(run.out()).get("credentials")) {
            rows.add(c.get("file").asText() + ":" + c.get("key").asText() + " " + c.get("current").asBoolean());
        }
        assertEquals(List.of("app.env.enc:DB_PASSWORD true", "app.env.enc:API_TOKEN true",
                "app.env.enc:JWT_SECRET false"), rows);
        for (String value : List.of(P1, T1, T2, J1, J2)) {
            assertFalse(run.out().contains(value), "a value was printed");
        }
        Cli.Run byName = f.cli().run("revoke-report", "bob", "--keys-only");
        assertEquals("DB_PASSWORD\nAPI_TOKEN\n", byName.out(), byName.stderr());
    }

    @Test
    void revokeReport_keysOnlyFedToRotate_rotatesThemAndTheReportIsClean() throws Exception {
        AuditFixture f = history();
        Cli.Run keys = f.cli().run("revoke-report", "bob", "--file", "app.env.enc", "--keys-only");
        List<String> args = new ArrayList<>(List.of("rotate", "app.env.enc"));
        args.addAll(List.of(keys.out().split("\n")));
        Cli.Run rotate = f.cli().run(args.toArray(String[]::new));
        assertEquals(0, rotate.exitCode(), rotate.stderr());
        assertNotEquals(P1, f.cli().run("get", "app.env.enc", "DB_PASSWORD").out());
        assertNotEquals(T2, f.cli().run("get", "app.env.enc", "API_TOKEN").out());
        assertEquals(J2, f.cli().run("get", "app.env.enc", "JWT_SECRET").out());
        f.repo.commitAll("rotated after bob left");
        Cli.Run after = f.cli().run("revoke-report", "bob");
        assertEquals(0, after.exitCode(), after.out() + after.stderr());
        assertTrue(after.out().lines().allMatch(l -> l.contains("retired")), after.out());
    }

    @Test
    void revokeReport_dataKeyKeptAfterRemoval_saysTheWholeFileIsExposed() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.config(f.alice, f.bob);
        f.encrypt("app.env.enc", plain(P1, T1, J1), f.alice, f.bob);
        f.repo.commitAll("both");
        f.config(f.alice);
        Cli.Run keep = f.cli().run("updatekeys", "-y", "--keep-data-key", "app.env.enc");
        assertEquals(0, keep.exitCode(), keep.stderr());
        f.repo.commitAll("bob removed, data key kept");
        Cli.Run run = f.cli().run("revoke-report", "bob", "--json");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr());
        assertEquals("[\"app.env.enc\"]", new ObjectMapper().readTree(run.out()).get("data_key_still_held").toString());
    }

    @Test
    void updatekeys_recipientRemoved_pointsToTheRevokeReport() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.config(f.alice);
        f.encrypt("app.env.enc", plain(P1, T1, J1), f.alice, f.bob);
        Cli.Run run = f.cli().run("updatekeys", "-y", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("hint: 'secrets revoke-report " + f.bob.recipient() + "'"), run.stderr());
    }

    @Test
    void status_history_agesFromHistoryAndOverdueAgainstMaxAge() throws Exception {
        AuditFixture f = history();
        Cli.Run run = f.cli().run("status", "--json");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr() + run.out());
        JsonNode file = new ObjectMapper().readTree(run.out()).get("files").get(0);
        assertEquals("app.env.enc", file.get("file").asText());
        assertEquals(f.alice.recipient(), file.get("recipients").get(0).get("recipient").asText());
        assertEquals("alice", file.get("recipients").get(0).get("name").asText());
        assertEquals("2020-04-01T00:00:00Z", file.get("data_key_since").asText());
        List<String> rows = new ArrayList<>();
        for (JsonNode c : file.get("credentials")) {
            rows.add(c.get("key").asText() + " " + c.get("changed").asText() + " " + c.get("overdue").asBoolean());
        }
        assertEquals(List.of("DB_PASSWORD 2020-01-01T00:00:00Z true", "API_TOKEN 2020-03-01T00:00:00Z false",
                "JWT_SECRET 2020-04-01T00:00:00Z false"), rows);
    }

    @Test
    void status_afterRotate_ageFromTheRotationRecordAndNotOverdue() throws Exception {
        AuditFixture f = history();
        Cli.Run rotate = f.cli().run("rotate", "app.env.enc", "DB_PASSWORD");
        assertEquals(0, rotate.exitCode(), rotate.stderr());
        Cli.Run run = f.cli().run("status", "app.env.enc");
        assertEquals(0, run.exitCode(), run.out() + run.stderr());
        String line = run.out().lines().filter(l -> l.contains("DB_PASSWORD")).findFirst().orElseThrow();
        assertTrue(line.contains("(0 days ago), from rotation record") && line.contains("max_age 90d"), line);
        assertFalse(line.contains("OVERDUE"), line);
    }
}
