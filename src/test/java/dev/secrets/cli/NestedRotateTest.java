package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.PostgresServer;
import dev.secrets.testsupport.RedisServer;
import dev.secrets.testsupport.RotationServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate --all} on a nested YAML file whose playbook addresses every credential and connection setting by
 * sops path ({@code ["postgres"]["password"]}, also in single quotes), against real PostgreSQL and Redis: the
 * servers accept the new passwords and refuse the old ones, the copy inside a Redis URL follows, every other value
 * and the comment are kept, and no value is printed.
 */
class NestedRotateTest {
    private static final String PLAYBOOK = "version: 1\ncredentials:\n"
            + "  - key: '[\"postgres\"][\"password\"]'\n"
            + "    generate: {bytes: 32, encoding: base64url}\n"
            + "    apply:\n"
            + "      postgres: {host_key: '[\"postgres\"][\"host\"]', port_key: '[\"postgres\"][\"port\"]',\n"
            + "                 database_key: '[\"postgres\"][\"db\"]', role_key: '[\"postgres\"][\"user\"]',\n"
            + "                 admin_user_key: '[\"postgres\"][\"migrator\"][\"user\"]',\n"
            + "                 admin_password_key: '[\"postgres\"][\"migrator\"][\"password\"]'}\n"
            + "  - key: \"['redis']['password']\"\n"
            + "    generate: {bytes: 32, encoding: hex}\n"
            + "    apply:\n"
            + "      redis: {host_key: '[\"redis\"][\"host\"]', port_key: '[\"redis\"][\"port\"]'}\n"
            + "    also_in: ['[\"redis\"][\"url\"]']\n"
            + "  - key: '[\"jwt\"][\"secret\"]'\n"
            + "    generate: {bytes: 32, encoding: hex}\n";
    @RegisterExtension
    static final RotationServers SERVERS = RotationServers.of("nested", "pg-old-password-1", "redis-old-password-1")
            .withMigrator("migrator-pass-1");
    private PostgresServer postgres;

    @TempDir
    Path dir;
    private RedisServer redis;
    private Cli cli;
    private String role;

    @BeforeEach
    void setUp() throws Exception {
        postgres = SERVERS.postgres();
        role = SERVERS.role();
        redis = SERVERS.redis();
        Keys keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        String yaml = "# service settings\n"
                + "postgres:\n"
                + "    host: " + postgres.host() + "\n"
                + "    port: " + postgres.port() + "\n"
                + "    db: postgres\n"
                + "    user: " + role + "\n"
                + "    password: pg-old-password-1\n"
                + "    migrator:\n"
                + "        user: migrator\n"
                + "        password: migrator-pass-1\n"
                + "redis:\n"
                + "    host: " + redis.host() + "\n"
                + "    port: " + redis.port() + "\n"
                + "    password: redis-old-password-1\n"
                + "    url: redis://:redis-old-password-1@" + redis.host() + ":" + redis.port() + "/0\n"
                + "jwt:\n"
                + "    secret: jwt-old\n";
        Files.writeString(dir.resolve("app.yaml"), yaml);
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "app.yaml", "-o", "app.enc.yaml").exitCode());
        Files.delete(dir.resolve("app.yaml"));
        Files.writeString(dir.resolve("secrets-playbook.yaml"), PLAYBOOK);
    }

    private JsonNode decrypted() throws Exception {
        Cli.Run run = cli.run("decrypt", "app.enc.yaml");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.out().startsWith("# service settings\npostgres:\n"), run.out());
        return new YAMLMapper().readTree(run.out());
    }

    @Test
    void rotateAll_credentialsByPath_serversAndFileRotatedOthersKept() throws Exception {
        Cli.Run run = cli.run("rotate", "app.enc.yaml", "--all");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode now = decrypted();
        String pg = now.at("/postgres/password").asText();
        String rd = now.at("/redis/password").asText();
        assertTrue(pg.matches("[A-Za-z0-9_-]{43}"), "32 bytes base64url");
        assertTrue(rd.matches("[0-9a-f]{64}"), "32 bytes hex");
        assertTrue(now.at("/jwt/secret").asText().matches("[0-9a-f]{64}"));
        assertTrue(postgres.canLogin(role, pg));
        assertFalse(postgres.canLogin(role, "pg-old-password-1"));
        assertTrue(redis.canAuth("default", rd));
        assertFalse(redis.canAuth("default", "redis-old-password-1"));
        assertEquals("redis://:" + rd + "@" + redis.host() + ":" + redis.port() + "/0", now.at("/redis/url").asText());
        assertEquals(postgres.port(), now.at("/postgres/port").asInt());
        assertTrue(now.at("/postgres/port").isInt(), "an untouched int stays an int");
        assertEquals("migrator-pass-1", now.at("/postgres/migrator/password").asText());
        assertEquals(role, now.at("/postgres/user").asText());
        assertTrue(run.stderr().contains("[\"postgres\"][\"password\"]") && run.stderr().contains("[\"redis\"][\"password\"]"),
                run.stderr());
        assertFalse(run.stderr().contains(pg) || run.stderr().contains(rd) || run.stderr().contains("old-password"),
                "no value in the output");
    }

    @Test
    void rotateOneByPath_singleQuotedOnCommandLine_onlyThatValueChanges() throws Exception {
        Cli.Run run = cli.run("rotate", "app.enc.yaml", "['jwt']['secret']");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode now = decrypted();
        assertNotEquals("jwt-old", now.at("/jwt/secret").asText());
        assertEquals("pg-old-password-1", now.at("/postgres/password").asText());
        assertTrue(postgres.canLogin(role, "pg-old-password-1"));
        assertTrue(redis.canAuth("default", "redis-old-password-1"));
    }

    @Test
    void rotateAllDryRun_pathsInPlan_nothingTouched() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("app.enc.yaml"));
        Cli.Run run = cli.run("rotate", "app.enc.yaml", "--all", "--dry-run");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("[\"jwt\"][\"secret\"]"), run.stderr());
        assertEquals(new String(before), Files.readString(dir.resolve("app.enc.yaml")));
        assertTrue(postgres.canLogin(role, "pg-old-password-1"));
    }
}
