package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.CrashPoint;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.PostgresServer;
import dev.secrets.testsupport.RedisServer;
import dev.secrets.testsupport.SecretsProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real crash matrix of {@code rotate --all}: a traced run lists every crash point the rotation reaches
 * ({@link CrashPoint}: file writes, journal, server changes, commits, the data key); then, for each point, a
 * fresh fixture is rotated by a real {@code secrets} process that dies at that point ({@code Runtime.halt}: no
 * finally, no shutdown hook, the same for files and servers as {@code kill -9}), and the next {@code rotate --all}
 * must finish the run (exit 0) with a file that decrypts, every credential working against the real PostgreSQL
 * and Redis, the old ones refused, and no working credential lost. One server of each for the whole class; each
 * point gets its own role and ACL user.
 */
class RotateKillMatrixTest {
    private static final String PLAYBOOK = "version: 1\ncredentials:\n"
            + "  - key: JWT_SECRET\n    generate: {bytes: 16, encoding: hex}\n"
            + "  - key: DATABASE_URL\n    generate: {bytes: 16, encoding: hex}\n"
            + "    apply: {postgres: {url_key: DATABASE_URL}}\n"
            + "  - key: REDIS_URL\n    generate: {bytes: 16, encoding: hex}\n"
            + "    apply: {redis: {url_key: REDIS_URL}}\n    also_in: [CELERY_BROKER_URL]\n";
    private static final String REDIS_ADMIN = "redis-admin-pass-1";
    @TempDir
    static Path root;
    private static PostgresServer postgres;
    private static RedisServer redis;
    private static int fixtures;

    @BeforeAll
    static void startServers() throws Exception {
        postgres = PostgresServer.start(root);
        redis = RedisServer.start(Files.createDirectory(root.resolve("redis")), REDIS_ADMIN);
    }

    @AfterAll
    static void stopServers() throws Exception {
        redis.close();
        postgres.close();
    }

    @TestFactory
    Stream<DynamicTest> rotateAll_killedAtEachCrashPoint_nextRunFinishesWithWorkingCredentials() throws Exception {
        Fixture traced = fixture();
        Path trace = root.resolve("trace");
        SecretsProcess.Result full = traced.rotate(List.of("-Dsecrets.test.crash-trace=" + trace));
        assertEquals(0, full.exitCode(), full.stderr());
        traced.assertFinished();
        List<String> points = Files.readAllLines(trace);
        assertTrue(points.contains("rotate.applied") && points.contains("redis.new-added")
                && points.contains("write.temp-written"), points.toString());
        // The dying runs are separate processes on separate fixtures: two at a time, ahead of the recoveries.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 1; i <= points.size(); i++) {
            int index = i;
            String name = points.get(i - 1);
            Future<Killed> killed = pool.submit(() -> {
                Fixture f = fixture();
                return new Killed(f, f.rotate(List.of("-Dsecrets.test.crash=#" + index)));
            });
            tests.add(DynamicTest.dynamicTest("#" + index + " " + name, () -> recover(name, killed.get())));
        }
        pool.shutdown();
        return tests.stream().onClose(pool::shutdownNow);
    }

    private record Killed(Fixture fixture, SecretsProcess.Result result) {
    }

    private static void recover(String name, Killed killed) throws Exception {
        assertEquals(CrashPoint.HALT_STATUS, killed.result().exitCode(), "died at " + name + ": "
                + killed.result().stderr());
        Fixture f = killed.fixture();
        Cli.Run recovery = f.cli.run("rotate", "app.env.enc", "--all");
        assertEquals(0, recovery.exitCode(), name + ":\n" + recovery.stderr());
        f.assertFinished();
    }

    private static synchronized Fixture fixture() throws Exception {
        int n = ++fixtures;
        Path dir = Files.createDirectory(root.resolve("f" + n));
        String role = "crash" + n;
        String pgOld = "pg-old-" + n + "-password";
        String redisOld = "redis-old-" + n + "-password";
        postgres.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + pgOld + "'");
        assertEquals("+OK", redis.command(REDIS_ADMIN, "ACL", "SETUSER", role, "on", ">" + redisOld, "~*", "&*",
                "+@all"));
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("JWT_SECRET", "jwt-old-" + n);
        values.put("DATABASE_URL", "postgres://" + role + ":" + pgOld + "@127.0.0.1:" + postgres.port()
                + "/postgres?sslmode=disable");
        values.put("REDIS_URL", "redis://" + role + ":" + redisOld + "@127.0.0.1:" + redis.port() + "/0");
        values.put("CELERY_BROKER_URL", "redis://" + role + ":" + redisOld + "@127.0.0.1:" + redis.port() + "/1");
        StringBuilder env = new StringBuilder();
        values.forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("app.env"), env);
        Cli.Run encrypted = cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc");
        assertEquals(0, encrypted.exitCode(), encrypted.stderr());
        Files.delete(dir.resolve("app.env"));
        Files.writeString(dir.resolve("secrets-playbook.yaml"), PLAYBOOK);
        return new Fixture(dir, keys, cli, role, values);
    }

    private record Fixture(Path dir, Keys keys, Cli cli, String role, Map<String, String> old) {
        SecretsProcess.Result rotate(List<String> jvmOptions) throws Exception {
            List<String> command = SecretsProcess.javaCommand(jvmOptions);
            command.addAll(List.of("rotate", "app.env.enc", "--all"));
            Map<String, String> env = new HashMap<>();
            env.put("PATH", System.getenv("PATH"));
            env.put("HOME", dir.toString());
            env.put("SOPS_AGE_KEY_FILE", keys.file().toString());
            return SecretsProcess.run(command, dir, env);
        }

        Map<String, String> decrypted() {
            Cli.Run run = cli.run("decrypt", "app.env.enc");
            assertEquals(0, run.exitCode(), "the file decrypts: " + run.stderr());
            Map<String, String> values = new LinkedHashMap<>();
            run.out().lines().forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            return values;
        }

        /** Every credential is new, works, and the old ones are refused; copies and the rest agree. */
        void assertFinished() throws Exception {
            Map<String, String> now = decrypted();
            assertEquals(old.keySet(), now.keySet());
            assertNotEquals(old.get("JWT_SECRET"), now.get("JWT_SECRET"));
            String pg = password(now.get("DATABASE_URL"));
            String rd = password(now.get("REDIS_URL"));
            assertNotEquals(password(old.get("DATABASE_URL")), pg);
            assertNotEquals(password(old.get("REDIS_URL")), rd);
            assertTrue(postgres.canLogin(role, pg), "new database password works");
            assertFalse(postgres.canLogin(role, password(old.get("DATABASE_URL"))), "old one refused");
            assertTrue(redis.canAuth(role, rd), "new Redis password works");
            assertFalse(redis.canAuth(role, password(old.get("REDIS_URL"))), "old one refused");
            assertEquals(now.get("REDIS_URL").replace("/0", "/1"), now.get("CELERY_BROKER_URL"), "copy rewritten");
            assertFalse(Files.exists(dir.resolve(".app.env.enc.rotation-journal")), "journal cleared");
            try (Stream<Path> files = Files.list(dir)) {
                List<String> left = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.contains(".tmp-") || n.contains(".backup-")).toList();
                assertEquals(List.of(), left, "no temp copies or backups left");
            }
        }
    }

    private static String password(String url) {
        String info = URI.create(url).getRawUserInfo();
        return info.substring(info.indexOf(':') + 1);
    }
}
