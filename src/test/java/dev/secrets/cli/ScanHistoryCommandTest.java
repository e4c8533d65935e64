package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets scan-history} on real git repositories. */
class ScanHistoryCommandTest {
    private static final String URL_PASSWORD = "p@ss/w:rd!Zx9#Lm2$Qr7";

    @TempDir
    Path dir;

    private static List<String> lines(Cli.Run run) {
        return run.out().isEmpty() ? List.of() : List.of(run.out().split("\n"));
    }

    @Test
    void scanHistory_valueCommittedThenDeleted_isFoundAtItsCommit() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.repo.write(".env", "API_TOKEN=" + AuditFixture.STRONG + "\n");
        String leak = f.repo.commitAll("oops");
        f.repo.git("rm", "-q", ".env");
        f.repo.write(".gitignore", ".env\n");
        f.config(f.alice);
        f.encrypt("app.env.enc", "API_TOKEN=" + AuditFixture.STRONG + "\nPORT=8080\n", f.alice);
        f.repo.commitAll("encrypted");
        Cli.Run run = f.cli().run("scan-history");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr());
        assertEquals(List.of(leak.substring(0, 12) + "  .env  app.env.enc:API_TOKEN  CURRENT"), lines(run));
        assertFalse(run.out().contains(AuditFixture.STRONG) || run.stderr().contains(AuditFixture.STRONG));
    }

    @Test
    void scanHistory_urlAndBase64Encoded_areFound() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.config(f.alice);
        f.encrypt("app.env.enc", "DB_PASSWORD=" + URL_PASSWORD + "\nJWT_SECRET=" + AuditFixture.STRONG_2 + "\n",
                f.alice);
        f.repo.commitAll("encrypted");
        f.repo.write("settings.py", "DATABASE_URL = 'postgres://app:" + URLEncoder.encode(URL_PASSWORD,
                StandardCharsets.UTF_8) + "@db:5432/app'\n");
        String url = f.repo.commitAll("settings");
        // Base64 of a longer text, so the secret sits at an offset that is not a multiple of three.
        f.repo.write("k8s/secret.yaml", "data:\n  env: " + Base64.getEncoder().encodeToString(
                ("JWT_SECRET=" + AuditFixture.STRONG_2).getBytes(StandardCharsets.UTF_8)) + "\n");
        String b64 = f.repo.commitAll("k8s");
        Cli.Run run = f.cli().run("scan-history", "--json");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr());
        List<String> hits = new ArrayList<>();
        for (JsonNode hit : new ObjectMapper().readTree(run.out()).get("hits")) {
            hits.add(hit.get("commit").asText() + " " + hit.get("path").asText() + " " + hit.get("key").asText()
                    + " " + hit.get("current").asBoolean() + " " + hit.get("encoding").asText());
        }
        hits.sort(null);
        List<String> expected = new ArrayList<>(List.of(url.substring(0, 12) + " settings.py DB_PASSWORD true url",
                b64.substring(0, 12) + " k8s/secret.yaml JWT_SECRET true base64"));
        expected.sort(null);
        assertEquals(expected, hits);
    }

    @Test
    void scanHistory_retiredValueAfterRotate_isFoundAsRetired() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.config(f.alice);
        f.encrypt("app.env.enc", "JWT_SECRET=" + AuditFixture.STRONG + "\n", f.alice);
        f.repo.write("secrets-playbook.yaml", "version: 1\ncredentials:\n  - key: JWT_SECRET\n");
        f.repo.write(".gitignore", "*.backup-*\n.*.lock\n");
        f.repo.commitAll("encrypted");
        f.repo.write("notes.txt", "the jwt secret is " + AuditFixture.STRONG + " (do not share)\n");
        String notes = f.repo.commitAll("notes");
        Cli.Run rotate = f.cli().run("rotate", "app.env.enc", "JWT_SECRET");
        assertEquals(0, rotate.exitCode(), rotate.stderr());
        f.repo.commitAll("rotated");
        Cli.Run run = f.cli().run("scan-history");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr());
        assertEquals(List.of(notes.substring(0, 12) + "  notes.txt  app.env.enc:JWT_SECRET  retired"), lines(run));
        String record = Files.readString(f.repo.root().resolve(".app.env.enc.rotations"));
        assertTrue(record.contains("\nJWT_SECRET "), record);
        assertFalse(record.contains(AuditFixture.STRONG), "the rotation record holds no value");
    }

    @Test
    void scanHistory_commitThrownAwayAndReflogExpired_foundAsUnreachable() throws Exception {
        AuditFixture f = AuditFixture.committed(dir, "API_TOKEN=" + AuditFixture.STRONG + "\n");
        f.repo.write("debug.log", "token " + AuditFixture.STRONG + "\n");
        f.repo.commitAll("oops");
        f.repo.git("reset", "-q", "--hard", "HEAD~1");
        f.repo.git("reflog", "expire", "--expire=now", "--all");
        Cli.Run run = f.cli().run("scan-history");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr());
        assertEquals(List.of("unreachable    app.env.enc:API_TOKEN  CURRENT"), lines(run));
    }

    @Test
    void scanHistory_cleanRepository_findsNothingAndExitsZero() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.config(f.alice);
        f.encrypt("app.env.enc", "API_TOKEN=" + AuditFixture.STRONG + "\n", f.alice);
        f.repo.write("README", "nothing here\n");
        f.repo.commitAll("clean");
        Cli.Run run = f.cli().run("scan-history");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.out());
        assertTrue(run.stderr().contains("searched 1 commits"), run.stderr());
    }
}
