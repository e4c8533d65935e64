package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.rotate.RotationReport.ServerState;
import dev.secrets.rotate.RotationReport.Status;
import dev.secrets.rotate.appliers.StandardAppliers;
import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;
import dev.secrets.testsupport.PostgresServer;
import dev.secrets.testsupport.RedisServer;
import dev.secrets.testsupport.RotationServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator end to end against a real PostgreSQL (shared by the class) and a real Redis (one per test,
 * they start in milliseconds), with the playbook of issue 5 as written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialRotationTest {
    static final String ISSUE_PLAYBOOK = dev.secrets.testsupport.IssuePlaybook.YAML;
    private static final String MIGRATOR_PASSWORD = "migrator-password-0123456789";
    private static final Environment ENV = new Environment(Map.of("PATH", "/usr/bin:/bin"), Path.of("."),
            Path.of("."));

    @RegisterExtension
    static final RotationServers SERVERS = RotationServers.of("app_", "pg-old-password-1", "redis-old-password-1")
            .withMigrator(MIGRATOR_PASSWORD);
    private PostgresServer postgres;
    private RedisServer redis;
    private Path folder;
    private String role;
    private Playbook playbook;

    @BeforeEach
    void freshRoleAndRedis(@TempDir Path folder) throws Exception {
        this.folder = folder;
        postgres = SERVERS.postgres();
        role = SERVERS.role();
        redis = SERVERS.redis();
        playbook = PlaybookLoader.parse(ISSUE_PLAYBOOK.getBytes(StandardCharsets.UTF_8), "secrets-playbook.yaml");
    }

    private MemoryStore store() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_HOST", postgres.host());
        env.put("POSTGRES_PORT", String.valueOf(postgres.port()));
        env.put("POSTGRES_DB", "postgres");
        env.put("POSTGRES_USER", role);
        env.put("POSTGRES_PASSWORD", "pg-old-password-1");
        env.put("POSTGRES_MIGRATOR_USER", "migrator");
        env.put("POSTGRES_MIGRATOR_PASSWORD", MIGRATOR_PASSWORD);
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        env.put("REDIS_PASSWORD", "redis-old-password-1");
        env.put("JWT_SECRET", "jwt-old-secret");
        env.put("ANTHROPIC_API_KEY", "sk-old-key");
        return new MemoryStore(env);
    }

    private FileJournal journal() throws Exception {
        return new FileJournal(folder.resolve("journal"), SEALER);
    }

    private static final TestSealer SEALER;

    static {
        try {
            SEALER = new TestSealer();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static CredentialRotation rotation(ManualInput manual, RotationListener listener) {
        return new CredentialRotation(new StandardAppliers(ENV), new SecretGenerator(), manual, listener);
    }

    private static ManualInput typing(String value) {
        return (key, instructions) -> Optional.of(SecretBytes.ofUtf8(value));
    }

    /** The file matches both servers: each accepts exactly the stored value and refuses {@code refused}. */
    private void assertServersMatch(MemoryStore store, String refusedPg, String refusedRedis) throws Exception {
        assertTrue(postgres.canLogin(role, store.values.get("POSTGRES_PASSWORD")), "postgres accepts the file's value");
        assertTrue(redis.canAuth("default", store.values.get("REDIS_PASSWORD")), "redis accepts the file's value");
        if (refusedPg != null) {
            assertFalse(postgres.canLogin(role, refusedPg), "postgres refuses the other value");
        }
        if (refusedRedis != null) {
            assertFalse(redis.canAuth("default", refusedRedis), "redis refuses the other value");
        }
    }

    @Test
    void run_issuePlaybookAll_oldPasswordsRefusedNewWorkAndStoreHoldsNew() throws Exception {
        MemoryStore store = store();
        Map<String, String> before = new LinkedHashMap<>(store.values);
        List<String> events = new java.util.ArrayList<>();
        RotationReport report = rotation(typing("sk-new-typed-key"), (k, s, d) -> events.add(k + ":" + s))
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());

        assertEquals(RotationReport.Outcome.ALL_DONE, report.outcome(), report.toJson().toString());
        assertEquals(List.of("POSTGRES_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "ANTHROPIC_API_KEY"),
                report.changedKeys());
        assertFalse(postgres.canLogin(role, "pg-old-password-1"));
        assertFalse(redis.canAuth("default", "redis-old-password-1"));
        assertServersMatch(store, null, null);
        assertTrue(store.values.get("POSTGRES_PASSWORD").matches("[A-Za-z0-9_-]{43}"), "32 bytes base64url");
        assertTrue(store.values.get("REDIS_PASSWORD").matches("[0-9a-f]{64}"), "32 bytes hex");
        assertTrue(store.values.get("JWT_SECRET").matches("[0-9a-f]{64}"));
        assertEquals("sk-new-typed-key", store.values.get("ANTHROPIC_API_KEY"));
        before.keySet().stream().filter(k -> !report.changedKeys().contains(k))
                .forEach(k -> assertEquals(before.get(k), store.values.get(k), "untouched: " + k));
        assertEquals(1, store.backups, "one backup before the first change");
        assertFalse(Files.exists(folder.resolve("journal")), "journal empty after a complete run");
        assertTrue(events.contains("POSTGRES_PASSWORD:VERIFYING") && events.contains("REDIS_PASSWORD:COMMITTING"));
        String json = report.toJson().toString();
        for (String key : List.of("POSTGRES_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "ANTHROPIC_API_KEY",
                "POSTGRES_MIGRATOR_PASSWORD")) {
            assertFalse(json.contains(store.values.get(key)), "report holds no value of " + key);
            assertFalse(json.contains(before.get(key)), "report holds no old value of " + key);
        }
    }

    @Test
    void run_noTerminal_manualCredentialPendingOthersRotated() throws Exception {
        MemoryStore store = store();
        RotationReport report = rotation(ManualInput.UNAVAILABLE, RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());

        assertEquals(RotationReport.Outcome.SOME_PENDING_MANUAL, report.outcome());
        assertEquals(Status.PENDING_MANUAL, report.entry("ANTHROPIC_API_KEY").status());
        assertEquals("sk-old-key", store.values.get("ANTHROPIC_API_KEY"));
        assertServersMatch(store, "pg-old-password-1", "redis-old-password-1");
    }

    @Test
    void run_redisStoppedMidRotation_postgresCommittedRedisFailedAndSecondRunCompletes() throws Exception {
        MemoryStore store = store();
        RotationListener stopRedisAfterPostgres = (key, step, detail) -> {
            if (key.equals("POSTGRES_PASSWORD") && step == RotationListener.Step.DONE) {
                try {
                    redis.stop();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        RotationReport first = rotation(typing("sk-new"), stopRedisAfterPostgres)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());

        assertEquals(RotationReport.Outcome.SOME_FAILED, first.outcome());
        assertEquals(Status.ROTATED, first.entry("POSTGRES_PASSWORD").status());
        assertEquals(Status.FAILED, first.entry("REDIS_PASSWORD").status());
        assertEquals(ServerState.UNCHANGED, first.entry("REDIS_PASSWORD").server());
        assertEquals(Status.SKIPPED, first.entry("JWT_SECRET").status());
        assertEquals(List.of("POSTGRES_PASSWORD"), first.changedKeys());
        assertEquals("redis-old-password-1", store.values.get("REDIS_PASSWORD"));
        String rotatedPg = store.values.get("POSTGRES_PASSWORD");
        assertNotEquals("pg-old-password-1", rotatedPg);

        redis.start();
        assertServersMatch(store, "pg-old-password-1", null);

        RotationReport second = rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());
        assertEquals(RotationReport.Outcome.ALL_DONE, second.outcome(), second.toJson().toString());
        assertEquals(Status.ALREADY_ROTATED, second.entry("POSTGRES_PASSWORD").status());
        assertEquals(rotatedPg, store.values.get("POSTGRES_PASSWORD"), "not rotated twice");
        assertEquals(Status.ROTATED, second.entry("REDIS_PASSWORD").status());
        assertServersMatch(store, "pg-old-password-1", "redis-old-password-1");
        assertFalse(Files.exists(folder.resolve("journal")));
    }

    /** {@code store}, dying ({@link Crash}) at the commit of {@code key}: before the write, or just after it. */
    private static RotationStore crashingOn(MemoryStore store, String key, boolean afterWrite) {
        return new RotationStore() {
            @Override
            public void backup() {
                store.backup();
            }

            @Override
            public void commit(Map<String, SecretBytes> changes) throws IOException {
                if (changes.containsKey(key)) {
                    if (afterWrite) {
                        store.commit(changes);
                    }
                    throw new Crash();
                }
                store.commit(changes);
            }
        };
    }

    /** Thrown from inside a step to stand for the process dying there (nothing after it runs, no rollback). */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void run_crashBetweenApplyAndCommit_nextRunCommitsTheValueTheServerAccepts() throws Exception {
        MemoryStore store = store();
        RotationStore crashing = crashingOn(store, "REDIS_PASSWORD", false);
        assertThrows(Crash.class, () -> rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), crashing, journal()));
        assertEquals("redis-old-password-1", store.values.get("REDIS_PASSWORD"), "file not written");
        assertFalse(redis.canAuth("default", "redis-old-password-1"), "server already switched");
        assertEquals(Set.of("REDIS_PASSWORD"), journal().pendingKeys());
        String journalText = Files.readString(folder.resolve("journal"));

        RotationReport second = rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());

        assertEquals(Status.RECOVERED, second.entry("REDIS_PASSWORD").status(), second.toJson().toString());
        assertEquals(Status.ALREADY_ROTATED, second.entry("POSTGRES_PASSWORD").status());
        assertEquals(RotationReport.Outcome.ALL_DONE, second.outcome());
        assertServersMatch(store, "pg-old-password-1", "redis-old-password-1");
        assertFalse(journalText.contains(store.values.get("REDIS_PASSWORD")), "journal holds the value sealed");
        assertFalse(Files.exists(folder.resolve("journal")));
    }

    @Test
    void run_crashAfterFileWriteBeforeJournalCleared_nextRunFinishes() throws Exception {
        MemoryStore store = store();
        RotationStore crashing = crashingOn(store, "REDIS_PASSWORD", true); // the write is durable, the journal kept
        assertThrows(Crash.class, () -> rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), crashing, journal()));
        assertEquals(Set.of("REDIS_PASSWORD"), journal().pendingKeys());
        String written = store.values.get("REDIS_PASSWORD");

        RotationReport second = rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());

        assertEquals(Status.RECOVERED, second.entry("REDIS_PASSWORD").status(), second.toJson().toString());
        assertEquals(RotationReport.Outcome.ALL_DONE, second.outcome(), second.toJson().toString());
        assertEquals(written, store.values.get("REDIS_PASSWORD"), "not rotated a second time");
        assertServersMatch(store, "pg-old-password-1", "redis-old-password-1");
        assertFalse(Files.exists(folder.resolve("journal")));
        RotationReport third = rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());
        assertEquals(RotationReport.Outcome.ALL_DONE, third.outcome(), "a further run works too");
    }

    @Test
    void run_crashAfterJournalBeforeApply_nextRunDropsPendingAndRotates() throws Exception {
        MemoryStore store = store();
        FileJournal real = journal();
        PendingSecretJournal crashing = new PendingSecretJournal() {
            @Override
            public void record(String key, SecretBytes newValue) throws IOException {
                real.record(key, newValue);
                throw new Crash();
            }

            @Override
            public Optional<SecretBytes> pending(String key) throws IOException {
                return real.pending(key);
            }

            @Override
            public Set<String> pendingKeys() throws IOException {
                return real.pendingKeys();
            }

            @Override
            public void clear(String key) throws IOException {
                real.clear(key);
            }

            @Override
            public void markRotated(String runId, String key) throws IOException {
                real.markRotated(runId, key);
            }

            @Override
            public Set<String> rotatedIn(String runId) throws IOException {
                return real.rotatedIn(runId);
            }

            @Override
            public void finishRun(String runId) throws IOException {
                real.finishRun(runId);
            }
        };
        assertThrows(Crash.class, () -> rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, crashing));
        assertTrue(postgres.canLogin(role, "pg-old-password-1"), "never applied");

        RotationReport second = rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());
        assertEquals(Status.ROTATED, second.entry("POSTGRES_PASSWORD").status(), second.toJson().toString());
        assertTrue(second.notes().stream().anyMatch(n -> n.contains("had not changed the server")));
        assertServersMatch(store, "pg-old-password-1", "redis-old-password-1");
    }

    @Test
    void run_fileWriteFails_credentialRolledBackAndRunStops() throws Exception {
        MemoryStore store = store();
        store.failCommitOf = "POSTGRES_PASSWORD";
        RotationReport report = rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.all(), store, journal());

        RotationReport.Entry entry = report.entry("POSTGRES_PASSWORD");
        assertEquals(Status.FAILED, entry.status());
        assertEquals(ServerState.ROLLED_BACK, entry.server());
        assertTrue(entry.detail().contains("disk full"), entry.detail());
        assertEquals(List.of(), report.changedKeys());
        assertEquals(Status.SKIPPED, report.entry("REDIS_PASSWORD").status());
        assertServersMatch(store, null, null);
        assertEquals("pg-old-password-1", store.values.get("POSTGRES_PASSWORD"));
        assertEquals(Set.of(), journal().pendingKeys());
    }

    @Test
    void run_dryRun_touchesNoServerStoreOrJournal() throws Exception {
        MemoryStore store = store();
        Map<String, String> before = new LinkedHashMap<>(store.values);
        RotationReport report = rotation(typing("sk-new"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.dryRunAll(), store, journal());

        assertTrue(report.dryRun());
        assertTrue(report.entries().stream().allMatch(e -> e.status() == Status.PLANNED), report.toJson().toString());
        assertEquals(4, report.entries().size());
        assertEquals(before, store.values);
        assertEquals(0, store.backups);
        assertFalse(Files.exists(folder.resolve("journal")));
        assertTrue(postgres.canLogin(role, "pg-old-password-1"));
        assertTrue(redis.canAuth("default", "redis-old-password-1"));
        assertFalse(postgres.log().contains("ALTER ROLE \"" + role + "\""), "no statement for this role");
    }

    @Test
    void run_dryRunMissingSetting_planNamesTheMissingKey() throws Exception {
        MemoryStore store = store();
        store.values.remove("REDIS_PORT");
        RotationReport report = rotation(typing("x"), RotationListener.SILENT)
                .run(playbook, store.secrets(), CredentialRotation.Request.dryRunAll(), store, journal());
        assertEquals(Status.FAILED, report.entry("REDIS_PASSWORD").status());
        assertTrue(report.entry("REDIS_PASSWORD").detail().contains("REDIS_PORT"));
    }

    @Test
    void run_selectionWithUnknownKey_throwsPlaybookExceptionNamingIt() throws Exception {
        MemoryStore store = store();
        PlaybookException e = assertThrows(PlaybookException.class, () -> rotation(typing("x"),
                RotationListener.SILENT).run(playbook, store.secrets(),
                        new CredentialRotation.Request(List.of("NOPE"), false, true), store, journal()));
        assertTrue(e.getMessage().contains("[NOPE]"));
    }

    @Test
    void run_commandApplier_valuesOnlyInEnvironmentNeverArgv() throws Exception {
        Path argvFile = folder.resolve("argv");
        Path envFile = folder.resolve("env");
        String yaml = "version: 1\ncredentials:\n  - key: SERVICE_TOKEN\n    generate: {bytes: 24, encoding: base64}\n"
                + "    apply:\n      command:\n        run: [sh, -c, 'printf \"%s\\n\" \"$0\" \"$@\" > \"$1\"; env > \"$2\"',"
                + " sh, " + argvFile + ", " + envFile + "]\n        timeout: 10s\n";
        Playbook commandPlaybook = PlaybookLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "p.yaml");
        MemoryStore store = new MemoryStore(Map.of("SERVICE_TOKEN", "old-service-token"));
        RotationReport report = rotation(ManualInput.UNAVAILABLE, RotationListener.SILENT)
                .run(commandPlaybook, store.secrets(), CredentialRotation.Request.all(), store, journal());

        assertEquals(Status.ROTATED, report.entry("SERVICE_TOKEN").status(), report.toJson().toString());
        String fresh = store.values.get("SERVICE_TOKEN");
        String argv = Files.readString(argvFile);
        String env = Files.readString(envFile);
        assertFalse(argv.contains(fresh) || argv.contains("old-service-token"), "no value in argv");
        assertTrue(env.contains("NEW_VALUE=" + fresh + "\n"), "new value in env");
        assertTrue(env.contains("OLD_VALUE=old-service-token\n"), "old value in env");
        assertTrue(env.contains("KEY=SERVICE_TOKEN\n"));
        assertFalse(env.contains("POSTGRES"), "no other variables leak in");
    }

    @Test
    void run_postgresRoleWithoutAdminKeys_changesItsOwnPasswordWithTheOldOne() throws Exception {
        Playbook self = PlaybookLoader.parse(("version: 1\ncredentials:\n  - key: POSTGRES_PASSWORD\n"
                + "    generate: {length: 40, alphabet: alnum-symbols}\n    apply:\n      postgres: {host_key: POSTGRES_HOST,"
                + " port_key: POSTGRES_PORT, role_key: POSTGRES_USER}\n").getBytes(StandardCharsets.UTF_8), "p.yaml");
        MemoryStore store = store();
        RotationReport report = rotation(ManualInput.UNAVAILABLE, RotationListener.SILENT)
                .run(self, store.secrets(), CredentialRotation.Request.all(), store, journal());

        assertEquals(Status.ROTATED, report.entry("POSTGRES_PASSWORD").status(), report.toJson().toString());
        String fresh = store.values.get("POSTGRES_PASSWORD");
        assertEquals(40, fresh.length());
        assertTrue(postgres.canLogin(role, fresh));
        assertFalse(postgres.canLogin(role, "pg-old-password-1"));
    }
}
