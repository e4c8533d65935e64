package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.PostgresServer;
import dev.secrets.testsupport.RedisServer;
import dev.secrets.testsupport.RotationServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets rotate} end to end against a real PostgreSQL and a real Redis, with the issue's playbook
 * verbatim: old passwords refused, new ones accepted, the file holding exactly the new ones.
 */
class RotateCommandTest {
    static final String PLAYBOOK = dev.secrets.testsupport.IssuePlaybook.YAML;
    @RegisterExtension
    static final RotationServers SERVERS = RotationServers.of("app", "pg-old-password-1", "redis-old-password-1")
            .withMigrator("migrator-pass-1");
    private PostgresServer postgres;

    @TempDir
    Path dir;
    private RedisServer redis;
    private Cli cli;
    private String role;
    private final Map<String, String> original = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        postgres = SERVERS.postgres();
        role = SERVERS.role();
        redis = SERVERS.redis();
        Keys keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        original.put("POSTGRES_HOST", postgres.host());
        original.put("POSTGRES_PORT", String.valueOf(postgres.port()));
        original.put("POSTGRES_DB", "postgres");
        original.put("POSTGRES_USER", role);
        original.put("POSTGRES_PASSWORD", "pg-old-password-1");
        original.put("POSTGRES_MIGRATOR_USER", "migrator");
        original.put("POSTGRES_MIGRATOR_PASSWORD", "migrator-pass-1");
        original.put("REDIS_HOST", redis.host());
        original.put("REDIS_PORT", String.valueOf(redis.port()));
        original.put("REDIS_PASSWORD", "redis-old-password-1");
        original.put("JWT_SECRET", "jwt-old");
        original.put("ANTHROPIC_API_KEY", "sk-ant-old");
        StringBuilder env = new StringBuilder("# service settings\n");
        original.forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("app.env"), env);
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc").exitCode());
        Files.delete(dir.resolve("app.env"));
        Files.writeString(dir.resolve("secrets-playbook.yaml"), PLAYBOOK);
    }

    private Map<String, String> decrypted() {
        Cli.Run run = cli.run("decrypt", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> map = new LinkedHashMap<>();
        run.out().lines().filter(l -> !l.startsWith("#") && l.contains("="))
                .forEach(l -> map.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return map;
    }

    @Test
    void rotateAll_noTerminal_rotatesServersAndFileLeavesManualPending() throws Exception {
        String before = Files.readString(dir.resolve("app.env.enc"));
        Cli.Run run = cli.run("rotate", "app.env.enc", "--all");
        assertEquals(ExitCode.ROTATION_PENDING_MANUAL.code(), run.exitCode(), run.stderr());
        Map<String, String> now = decrypted();
        String pg = now.get("POSTGRES_PASSWORD");
        String rd = now.get("REDIS_PASSWORD");
        assertNotEquals("pg-old-password-1", pg);
        assertTrue(pg.matches("[A-Za-z0-9_-]{43}"), "32 bytes base64url");
        assertTrue(rd.matches("[0-9a-f]{64}"), "32 bytes hex");
        assertTrue(now.get("JWT_SECRET").matches("[0-9a-f]{64}"));
        assertEquals("sk-ant-old", now.get("ANTHROPIC_API_KEY"), "manual credential left as it was");
        assertTrue(postgres.canLogin(role, pg));
        assertFalse(postgres.canLogin(role, "pg-old-password-1"));
        assertTrue(redis.canAuth("default", rd));
        assertFalse(redis.canAuth("default", "redis-old-password-1"));
        for (String key : new String[] {"POSTGRES_HOST", "POSTGRES_USER", "POSTGRES_MIGRATOR_PASSWORD", "REDIS_PORT"}) {
            assertEquals(original.get(key), now.get(key), key + " untouched");
        }
        assertTrue(run.stderr().contains("ANTHROPIC_API_KEY") && run.stderr().contains("pending"), run.stderr());
        assertFalse(run.stderr().contains(pg) || run.stderr().contains(rd), "no value in the output");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("app.env.enc.backup-")),
                    "the backup of the retired values is removed once the run succeeded");
        }
        assertTrue(run.stderr().contains("removed app.env.enc.backup-"), run.stderr());
        assertFalse(Files.exists(dir.resolve(".app.env.enc.rotation-journal")), "journal cleared");
        String after = Files.readString(dir.resolve("app.env.enc"));
        assertNotEquals(line(before, "POSTGRES_HOST"), line(after, "POSTGRES_HOST"), "data key rotated: unchanged values re-encrypted");
        assertNotEquals(line(before, "sops_age__list_0__map_enc"), line(after, "sops_age__list_0__map_enc"));
        assertTrue(run.stderr().contains("new data key"), run.stderr());
    }

    @Test
    void rotateAll_keepDataKey_unchangedValuesKeepCiphertext() throws Exception {
        String before = Files.readString(dir.resolve("app.env.enc"));
        Cli.Run run = cli.run("rotate", "app.env.enc", "--all", "--keep-data-key");
        assertEquals(ExitCode.ROTATION_PENDING_MANUAL.code(), run.exitCode(), run.stderr());
        String after = Files.readString(dir.resolve("app.env.enc"));
        assertEquals(line(before, "POSTGRES_HOST"), line(after, "POSTGRES_HOST"));
        assertEquals(line(before, "sops_age__list_0__map_enc"), line(after, "sops_age__list_0__map_enc"));
        assertNotEquals(line(before, "JWT_SECRET"), line(after, "JWT_SECRET"));
    }

    private static String line(String file, String key) {
        return file.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow();
    }

    @Test
    void rotateAll_dryRun_touchesNothing() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("app.env.enc"));
        Cli.Run run = cli.run("rotate", "app.env.enc", "--all", "--dry-run");
        assertEquals(ExitCode.OK.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("plan:") && run.stderr().contains("POSTGRES_PASSWORD"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("app.env.enc")));
        assertTrue(postgres.canLogin(role, "pg-old-password-1"));
        assertTrue(redis.canAuth("default", "redis-old-password-1"));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("backup")));
        }
    }

    @Test
    void rotateAll_redisDown_postgresRecordedRedisFailedThenResumes() throws Exception {
        redis.stop();
        Cli.Run first = cli.run("rotate", "app.env.enc", "--all", "--json");
        assertEquals(ExitCode.ROTATION_FAILED.code(), first.exitCode(), first.stderr());
        JsonNode report = new ObjectMapper().readTree(first.stdout());
        assertEquals("some_failed", report.get("outcome").asText());
        assertTrue(report.get("changed").toString().contains("POSTGRES_PASSWORD"));
        assertTrue(report.get("unchanged").toString().contains("REDIS_PASSWORD"));
        Map<String, String> now = decrypted();
        assertTrue(postgres.canLogin(role, now.get("POSTGRES_PASSWORD")), "file matches postgres");
        assertFalse(postgres.canLogin(role, "pg-old-password-1"));
        assertEquals("redis-old-password-1", now.get("REDIS_PASSWORD"), "file matches redis");
        assertFalse(first.out().contains(now.get("POSTGRES_PASSWORD")), "no value in the JSON report");
        assertTrue(report.get("notes").toString().contains("data key not rotated"), report.toString());

        redis.start();
        Cli.Run second = cli.run("rotate", "app.env.enc", "--all");
        assertEquals(ExitCode.ROTATION_PENDING_MANUAL.code(), second.exitCode(), second.stderr());
        Map<String, String> after = decrypted();
        assertTrue(redis.canAuth("default", after.get("REDIS_PASSWORD")));
        assertFalse(redis.canAuth("default", "redis-old-password-1"));
        assertTrue(postgres.canLogin(role, after.get("POSTGRES_PASSWORD")));
    }

    @Test
    void rotateOneKey_onlyThatKeyChanges() throws Exception {
        Cli.Run run = cli.run("rotate", "app.env.enc", "JWT_SECRET");
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> now = decrypted();
        assertNotEquals("jwt-old", now.get("JWT_SECRET"));
        assertEquals("pg-old-password-1", now.get("POSTGRES_PASSWORD"));
        assertEquals("redis-old-password-1", now.get("REDIS_PASSWORD"));
    }

    @Test
    void init_writesPlaybookOnceFromKeyNames() throws Exception {
        Files.delete(dir.resolve("secrets-playbook.yaml"));
        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--init");
        assertEquals(0, run.exitCode(), run.stderr());
        String written = Files.readString(dir.resolve("secrets-playbook.yaml"));
        assertTrue(written.contains("POSTGRES_PASSWORD") && written.contains("JWT_SECRET"), written);
        Cli.Run again = new Cli(dir).run("rotate", "app.env.enc", "--init");
        assertEquals(ExitCode.OUTPUT_UNWRITABLE.code(), again.exitCode(), again.stderr());
        Cli.Run plan = cli.run("rotate", "app.env.enc", "--all", "--dry-run");
        assertEquals(0, plan.exitCode(), plan.stderr());
    }

    @Test
    void rotate_noPlaybook_exit42WithHint() throws Exception {
        Files.delete(dir.resolve("secrets-playbook.yaml"));
        Cli.Run run = cli.run("rotate", "app.env.enc", "--all");
        assertEquals(ExitCode.PLAYBOOK_INVALID.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("--init"), run.stderr());
    }

    @Test
    void rotate_redisAclUserViaAdmin_userRotatedAdminUntouched() throws Exception {
        assertEquals("+OK", redis.command("redis-old-password-1", "ACL", "SETUSER", "app", "on", ">app-old-pass", "~*", "+@all"));
        Files.writeString(dir.resolve("app.env"), "REDIS_HOST=" + redis.host() + "\nREDIS_PORT=" + redis.port()
                + "\nREDIS_USER=app\nREDIS_APP_PASSWORD=app-old-pass\nREDIS_ADMIN_USER=default\n"
                + "REDIS_ADMIN_PASSWORD=redis-old-password-1\n");
        Keys keys = Keys.create(dir.resolve("acl-key.txt"));
        Cli acl = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        assertEquals(0, acl.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "acl.env.enc").exitCode());
        Files.writeString(dir.resolve("acl-playbook.yaml"), "version: 1\ncredentials:\n  - key: REDIS_APP_PASSWORD\n"
                + "    generate: {bytes: 24, encoding: hex}\n    apply:\n      redis: {host_key: REDIS_HOST, port_key: REDIS_PORT,"
                + " username_key: REDIS_USER, admin_user_key: REDIS_ADMIN_USER, admin_password_key: REDIS_ADMIN_PASSWORD}\n");
        Cli.Run run = acl.run("rotate", "acl.env.enc", "--all", "--playbook", "acl-playbook.yaml");
        assertEquals(0, run.exitCode(), run.stderr());
        String now = new String(acl.run("get", "acl.env.enc", "REDIS_APP_PASSWORD").stdout());
        assertTrue(now.matches("[0-9a-f]{48}"), now);
        assertTrue(redis.canAuth("app", now));
        assertFalse(redis.canAuth("app", "app-old-pass"));
        assertTrue(redis.canAuth("default", "redis-old-password-1"), "the admin's password is untouched");
    }
}
