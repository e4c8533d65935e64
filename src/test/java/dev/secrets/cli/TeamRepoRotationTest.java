package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.PostgresServer;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.RedisServer;
import dev.secrets.testsupport.RotationServers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's fixture team repo: a Django-style {@code .env} whose database and Redis passwords live only inside
 * {@code DATABASE_URL} / {@code REDIS_URL} (and a copy in {@code CELERY_BROKER_URL}), against a real PostgreSQL
 * and Redis. {@code rotate --init} then {@code rotate --all} must rotate both servers, rewrite every URL, leave
 * the Stripe-like key pending, and the URLs must work with {@code psql} and {@code redis-cli}.
 */
class TeamRepoRotationTest {
    /** Needs percent-encoding in a URL: {@code @ / : %} all occur. */
    private static final String PG_OLD = "p@ss/w:rd%old-1";
    private static final String PG_OLD_ENCODED = "p%40ss%2Fw%3Ard%25old-1";
    private static final String REDIS_OLD = "redis-old-pass-9";
    private static final String DJANGO_KEY = "django-insecure-abc123def456ghi789";
    private static final String STRIPE_KEY = "sk_test_51HcTeamFixtureKey000111222";
    @RegisterExtension
    static final RotationServers SERVERS = RotationServers.of("team", PG_OLD, REDIS_OLD);
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
        postgres.execute("CREATE DATABASE " + role + "_db OWNER " + role);
        redis = SERVERS.redis();
        Keys keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        String env = "# Django settings\n"
                + "DEBUG=False\n"
                + "SECRET_KEY=" + DJANGO_KEY + "\n"
                + "DATABASE_URL=postgres://" + role + ":" + PG_OLD_ENCODED + "@127.0.0.1:" + postgres.port() + "/"
                + role + "_db?sslmode=disable\n"
                + "REDIS_URL=redis://:" + REDIS_OLD + "@127.0.0.1:" + redis.port() + "/0\n"
                + "CELERY_BROKER_URL=redis://:" + REDIS_OLD + "@127.0.0.1:" + redis.port() + "/1\n"
                + "STRIPE_SECRET_KEY=" + STRIPE_KEY + "\n"
                + "ALLOWED_HOSTS=example.com\n";
        Files.writeString(dir.resolve(".env"), env);
        Cli.Run encrypted = cli.run("encrypt", "--age", keys.recipient(), ".env", "-o", ".env.enc");
        assertEquals(0, encrypted.exitCode(), encrypted.stderr());
        Files.delete(dir.resolve(".env"));
    }

    @Test
    void initThenRotateAll_urlOnlyCredentials_bothServersRotatedEveryUrlRewritten() throws Exception {
        Cli.Run init = cli.run("rotate", ".env.enc", "--init");
        assertEquals(0, init.exitCode(), init.stderr());
        assertEquals("", init.out());
        assertTrue(init.stderr().contains("[CELERY_BROKER_URL] holds the credential of [REDIS_URL]"), init.stderr());
        String playbook = Files.readString(dir.resolve("secrets-playbook.yaml"));
        assertTrue(playbook.contains("url_key: DATABASE_URL") && playbook.contains("url_key: REDIS_URL"), playbook);
        assertTrue(playbook.contains("also_in: [CELERY_BROKER_URL]"), playbook);
        assertTrue(playbook.matches("(?s).*key: STRIPE_SECRET_KEY[^\n]*# guessed: [^\n]+\n    manual: .*"), playbook);
        assertTrue(playbook.matches("(?s).*key: SECRET_KEY[^\n]*# guessed: [^\n]+\n    generate: .*"), playbook);
        assertNoValue(init.stderr() + playbook);

        Cli.Run plan = cli.run("rotate", ".env.enc", "--all", "--dry-run");
        assertEquals(0, plan.exitCode(), plan.stderr());
        assertTrue(plan.stderr().matches("(?s).*REDIS_URL[^\n]*also rewritten in \\[CELERY_BROKER_URL\\].*"),
                plan.stderr());
        assertTrue(plan.stderr().matches("(?s).*DATABASE_URL[^\n]*the URL's password.*"), plan.stderr());
        assertNoValue(plan.stderr() + plan.out());

        Cli.Run run = cli.run("rotate", ".env.enc", "--all");
        assertEquals(ExitCode.ROTATION_PENDING_MANUAL.code(), run.exitCode(), run.stderr());
        assertEquals("", run.out());
        assertTrue(run.stderr().matches("(?s).*STRIPE_SECRET_KEY\\s+pending-manual.*"), run.stderr());
        Map<String, String> now = decrypted();
        assertNoValue(run.stderr());

        String databaseUrl = now.get("DATABASE_URL");
        String pgNew = password(databaseUrl);
        assertNotEquals(PG_OLD, pgNew);
        assertEquals("postgres://" + role + ":" + pgNew + "@127.0.0.1:" + postgres.port() + "/" + role
                + "_db?sslmode=disable", databaseUrl, "only the password changed");
        assertTrue(postgres.canLogin(role, pgNew));
        assertFalse(postgres.canLogin(role, PG_OLD), "old database password refused");

        String redisNew = password(now.get("REDIS_URL"));
        assertNotEquals(REDIS_OLD, redisNew);
        assertEquals("redis://:" + redisNew + "@127.0.0.1:" + redis.port() + "/1", now.get("CELERY_BROKER_URL"),
                "the copy carries the same new password");
        assertTrue(redis.canAuth("default", redisNew));
        assertFalse(redis.canAuth("default", REDIS_OLD), "old Redis password refused");

        assertNotEquals(DJANGO_KEY, now.get("SECRET_KEY"));
        assertEquals(STRIPE_KEY, now.get("STRIPE_SECRET_KEY"), "third-party key left to a person");
        assertEquals("example.com", now.get("ALLOWED_HOSTS"));
        assertNoServerLogValue(pgNew);

        // The app's own clients, built from each URL of the new file.
        Path psql = Programs.require("psql", "apt-get install postgresql-client");
        Path redisCli = Programs.require("redis-cli", "apt-get install redis-tools");
        assertEquals(role, run(List.of(psql.toString(), databaseUrl, "-tAc", "SELECT current_user"), Map.of()).trim());
        for (String key : List.of("REDIS_URL", "CELERY_BROKER_URL")) {
            // redis-cli -u sends an empty user name for redis://:PASS@, which Redis refuses; redis-py and Celery
            // send none. So the client is built from the URL's parts as those libraries read them.
            Matcher url = Pattern.compile("redis://:([^@]+)@([^:]+):(\\d+)/(\\d+)").matcher(now.get(key));
            assertTrue(url.matches(), key);
            assertEquals("PONG", run(List.of(redisCli.toString(), "-h", url.group(2), "-p", url.group(3), "-n",
                    url.group(4), "PING"), Map.of("REDISCLI_AUTH", URLDecoder.decode(url.group(1),
                    StandardCharsets.UTF_8))).trim(), key);
        }
    }

    @Test
    void rotateAll_splitKeysAndUrlCopy_urlCarriesTheNewPassword() throws Exception {
        // The split-key layout of the issue: POSTGRES_PASSWORD rotated, DATABASE_URL must follow it.
        Files.writeString(dir.resolve("split.env"), "POSTGRES_HOST=127.0.0.1\nPOSTGRES_PORT=" + postgres.port()
                + "\nPOSTGRES_USER=" + role + "\nPOSTGRES_PASSWORD=" + PG_OLD + "\nDATABASE_URL=postgresql://" + role
                + ":" + PG_OLD_ENCODED + "@127.0.0.1:" + postgres.port() + "/" + role + "_db\n");
        Cli.Run encrypted = cli.run("encrypt", "--age", recipient(), "split.env", "-o", "split.env.enc");
        assertEquals(0, encrypted.exitCode(), encrypted.stderr());
        Files.delete(dir.resolve("split.env"));
        Files.writeString(dir.resolve("split.yaml"), "version: 1\ncredentials:\n  - key: POSTGRES_PASSWORD\n"
                + "    apply: {postgres: {host_key: POSTGRES_HOST, port_key: POSTGRES_PORT, role_key: POSTGRES_USER}}\n"
                + "    also_in: [DATABASE_URL]\n");
        Cli.Run run = cli.run("rotate", "split.env.enc", "--playbook", "split.yaml", "--all", "--keep-data-key");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().matches("(?s).*POSTGRES_PASSWORD[^\n]*rotated; also rewritten in \\[DATABASE_URL\\].*"),
                run.stderr());
        Cli.Run plain = cli.run("decrypt", "split.env.enc");
        Map<String, String> now = parse(plain.out());
        String pgNew = now.get("POSTGRES_PASSWORD");
        assertEquals(pgNew, password(now.get("DATABASE_URL")));
        assertTrue(postgres.canLogin(role, pgNew));
        assertFalse(postgres.canLogin(role, PG_OLD));
        assertNoValue(run.stderr());
        assertFalse(run.stderr().contains(pgNew));
    }

    @Test
    void dryRun_urlCredentialNotInPlaybook_named() throws Exception {
        Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n  - key: SECRET_KEY\n"
                + "    generate: {bytes: 32, encoding: hex}\n");
        Cli.Run plan = cli.run("rotate", ".env.enc", "--all", "--dry-run");
        assertEquals(0, plan.exitCode(), plan.stderr());
        for (String key : List.of("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")) {
            assertTrue(plan.stderr().contains("note: [" + key + "] holds a URL with a password that no playbook"
                    + " entry rotates"), plan.stderr());
        }
        assertNoValue(plan.stderr());
    }

    @Test
    void rotate_settingNamesARotatedKey_refusedWithoutEchoOrSending() throws Exception {
        Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n  - key: SECRET_KEY\n"
                + "  - key: REDIS_URL\n    apply: {redis: {url_key: REDIS_URL, host_key: SECRET_KEY}}\n");
        Cli.Run run = cli.run("rotate", ".env.enc", "--all");
        assertEquals(ExitCode.PLAYBOOK_INVALID.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("[SECRET_KEY], which the playbook rotates"), run.stderr());
        assertNoValue(run.stderr());
        assertEquals(DJANGO_KEY, decrypted().get("SECRET_KEY"));
    }

    private String recipient() throws Exception {
        String text = Files.readString(dir.resolve("key.txt"));
        Matcher m = Pattern.compile("public key: (age1[0-9a-z]+)").matcher(text);
        assertTrue(m.find());
        return m.group(1);
    }

    private void assertNoValue(String text) {
        for (String value : List.of(PG_OLD, PG_OLD_ENCODED, REDIS_OLD, DJANGO_KEY, STRIPE_KEY)) {
            assertFalse(text.contains(value), "a value leaked: " + text);
        }
    }

    private void assertNoServerLogValue(String password) throws Exception {
        assertFalse(postgres.log().contains(password), "the new password reached the server log");
    }

    private Map<String, String> decrypted() {
        Cli.Run run = cli.run("decrypt", ".env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        return parse(run.out());
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        text.lines().filter(l -> !l.startsWith("#") && l.contains("="))
                .forEach(l -> map.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return map;
    }

    /** The decoded password of a URL. */
    private static String password(String url) {
        Matcher m = Pattern.compile("^[a-z]+://[^:/]*:([^@]*)@").matcher(url);
        assertTrue(m.find(), "a URL with a password");
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        Programs.Output output = Programs.run(command, null, env, List.of());
        assertEquals(0, output.exitCode(), output.text());
        return output.text();
    }
}
