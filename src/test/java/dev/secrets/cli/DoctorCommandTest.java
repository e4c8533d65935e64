package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets doctor} on fixture repositories built with real git, real keys and real encrypted files. */
class DoctorCommandTest {
    @TempDir
    Path dir;

    private static final String PLAYBOOK = "version: 1\ncredentials:\n  - key: DB_PASSWORD\n  - key: API_TOKEN\n"
            + "    max_age: 30d\n";

    private AuditFixture dirty() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.repo.write(".env", "API_TOKEN=" + AuditFixture.STRONG + "\n");
        String first = f.repo.commitAll("add env");
        f.repo.git("rm", "-q", "--cached", ".env");
        Files.delete(f.repo.root().resolve(".env"));
        f.repo.write(".gitignore", ".env\n");
        f.repo.commitAll("remove env");
        f.config(f.alice);
        // bob left: the rule no longer lists him, the file still does.
        f.encrypt("app.env.enc", "DB_PASSWORD=hunter2\nAPI_TOKEN=" + AuditFixture.STRONG + "\nPORT=8080\n",
                f.alice, f.bob);
        f.repo.write("secrets-playbook.yaml", PLAYBOOK);
        f.encrypt("deploy/prod.env.enc", "DEBUG=True\nALLOWED_HOSTS=api.example.com\nSECRET_KEY="
                + AuditFixture.STRONG + "\n", f.alice);
        f.repo.write("deploy/secrets-playbook.yaml", "version: 1\ncredentials:\n  - key: SECRET_KEY\n");
        Keys ci = Keys.create(f.repo.root().resolve("ci-key.txt"));
        Files.setPosixFilePermissions(ci.file(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        f.repo.commitAll("encrypted files", "2020-01-01T00:00:00Z");
        firstCommit = first;
        return f;
    }

    private String firstCommit;

    private static List<String> rows(String table) {
        List<String> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("CHECK")) {
                String[] cells = line.split("\\s{2,}");
                rows.add(cells[0] + " " + cells[1] + " " + cells[2]);
            }
        }
        return rows;
    }

    @Test
    void doctor_dirtyFixture_reportsExactlyTheExpectedFindings() throws Exception {
        AuditFixture f = dirty();
        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr() + run.out());
        String ci = f.repo.root().resolve("ci-key.txt").toString();
        assertEquals(List.of(
                "git.private-key fail ci-key.txt",
                "git.plaintext-in-history fail .env @ " + firstCommit.substring(0, 12),
                "encrypted.recipients-drift fail app.env.enc",
                "values.weak fail app.env.enc:DB_PASSWORD",
                "rotation.overdue fail app.env.enc:API_TOKEN",
                "values.production fail deploy/prod.env.enc:DEBUG",
                "values.reused fail app.env.enc:API_TOKEN, deploy/prod.env.enc:SECRET_KEY",
                "identity.permissions fail " + ci), rows(run.out()), run.out());
        assertTrue(run.out().contains("secrets updatekeys app.env.enc"), run.out());
        assertTrue(run.out().contains("(bob)"), "the removed recipient is named: " + run.out());
        assertFalse(run.out().contains("hunter2") || run.out().contains(AuditFixture.STRONG), "a value was printed");
        assertFalse(run.stderr().contains("hunter2") || run.stderr().contains(AuditFixture.STRONG));
    }

    @Test
    void doctor_dirtyFixtureJson_listsTheSameFindings() throws Exception {
        AuditFixture f = dirty();
        Cli.Run table = f.cli().run("doctor");
        Cli.Run run = f.cli().run("doctor", "--json");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.stderr());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertFalse(root.get("ok").asBoolean());
        List<String> fromJson = new ArrayList<>();
        for (JsonNode finding : root.get("findings")) {
            fromJson.add(finding.get("check").asText() + " " + finding.get("status").asText() + " "
                    + finding.get("where").asText());
            assertFalse(finding.get("fix").asText().isEmpty());
        }
        assertEquals(rows(table.out()), fromJson);
        assertFalse(run.out().contains("hunter2") || run.out().contains(AuditFixture.STRONG));
    }

    @Test
    void doctor_warnOnly_reportsAndExitsZero() throws Exception {
        AuditFixture f = dirty();
        Cli.Run run = f.cli().run("doctor", "--warn-only");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.out().contains("values.weak"));
    }

    @Test
    void doctor_cleanFixture_findsNothing() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        f.repo.write(".gitignore", ".env\n");
        f.repo.write(".env", "API_TOKEN=" + AuditFixture.STRONG + "\n");
        f.config(f.alice);
        f.encrypt("app.env.enc", "DB_PASSWORD=" + AuditFixture.STRONG_2 + "\nAPI_TOKEN=" + AuditFixture.STRONG
                + "\nPORT=8080\n", f.alice);
        f.repo.write("secrets-playbook.yaml", PLAYBOOK);
        f.encrypt("deploy/prod.env.enc", "DEBUG=False\nALLOWED_HOSTS=api.example.com\nSESSION_COOKIE_SECURE=True\n"
                + "APP_ENV=production\n", f.alice);
        f.repo.commitAll("clean");
        Cli.Run run = f.cli().run("doctor");
        assertEquals(0, run.exitCode(), run.out() + run.stderr());
        assertEquals("no problems found\n", run.out());
        Cli.Run json = f.cli().run("doctor", "--json");
        assertEquals("{\"ok\":true,\"findings\":[]}\n", json.out());
    }

    @Test
    void doctor_untrackedNotIgnoredFiles_flaggedWithTheGitignoreFix() throws Exception {
        AuditFixture f = AuditFixture.committed(dir, "PORT=8080\n");
        f.repo.write(".env.local", "PORT=8080\n");
        Files.copy(f.repo.root().resolve("app.env.enc"), f.repo.root().resolve("app.env.enc.backup-20261203T101010Z"));
        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out());
        assertEquals(List.of("git.plaintext-dotenv fail .env.local", "git.leftover fail app.env.enc.backup-20261203T101010Z"),
                rows(run.out()), run.out());
        assertTrue(run.out().contains("not ignored: add it to .gitignore"), run.out());
    }

    @Test
    void doctor_noIdentity_warnsThatValuesWereNotCheckedAndExitsZero() throws Exception {
        AuditFixture f = AuditFixture.committed(dir, "PORT=8080\n");
        Cli.Run run = new Cli(f.repo.root()).run("doctor");
        assertEquals(0, run.exitCode(), run.out() + run.stderr());
        assertEquals(List.of("encrypted.not-verified warn app.env.enc"), rows(run.out()));
    }

    @Test
    void doctor_keyInTheEnvironment_neverReachesGit() throws Exception {
        AuditFixture f = AuditFixture.committed(dir, "API_TOKEN=" + AuditFixture.STRONG + "\n");
        // A git on PATH that records its environment, then runs the real one.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path seen = dir.resolve("git-env.txt");
        String realGit = dev.secrets.testsupport.Programs.require("git", "apt-get install -y git").toString();
        Path wrapper = Files.writeString(bin.resolve("git"), "#!/bin/sh\nenv >> '" + seen + "'\nexec '" + realGit
                + "' \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        String key = Files.readAllLines(f.alice.file()).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-"))
                .findFirst().orElseThrow();
        Cli.Run run = new Cli(f.repo.root()).env("SOPS_AGE_KEY", key)
                .env("PATH", bin + ":" + System.getenv("PATH")).run("doctor");
        assertEquals(0, run.exitCode(), run.out() + run.stderr());
        String env = Files.readString(seen);
        assertTrue(env.contains("LC_ALL=C"), "the wrapper ran");
        assertFalse(env.contains("SOPS_AGE_KEY") || env.contains(key), "the key reached git's environment");
    }

    @Test
    void doctor_notARepository_exits34() throws Exception {
        Cli.Run run = new Cli(dir).run("doctor");
        assertEquals(ExitCode.NOT_A_REPOSITORY.code(), run.exitCode());
        assertTrue(run.stderr().contains("not inside a git repository"), run.stderr());
    }
}
