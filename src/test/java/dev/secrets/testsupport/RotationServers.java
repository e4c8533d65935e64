package dev.secrets.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real servers a rotation test rotates against, as a JUnit extension (register it on a static field): one
 * PostgreSQL per test class, optionally with a {@code migrator} role that may change passwords, and for every test
 * a fresh login role and a fresh Redis, both holding the given old passwords. Runs before the class's own
 * {@code @BeforeEach} methods, so they can build their files from {@link #postgres()}, {@link #role()} and
 * {@link #redis()}.
 */
public final class RotationServers implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final String rolePrefix;
    private final String pgPassword;
    private final String redisPassword;
    private final String migratorPassword;
    private final AtomicInteger tests = new AtomicInteger();
    private Path root;
    private PostgresServer postgres;
    private RedisServer redis;
    private String role;

    private RotationServers(String rolePrefix, String pgPassword, String redisPassword, String migratorPassword) {
        this.rolePrefix = rolePrefix;
        this.pgPassword = pgPassword;
        this.redisPassword = redisPassword;
        this.migratorPassword = migratorPassword;
    }

    /** Roles named {@code rolePrefix + n} with {@code pgPassword}; each test's Redis wants {@code redisPassword}. */
    public static RotationServers of(String rolePrefix, String pgPassword, String redisPassword) {
        return new RotationServers(rolePrefix, pgPassword, redisPassword, null);
    }

    /** The same servers plus a {@code migrator} role (LOGIN CREATEROLE) with {@code password}. */
    public RotationServers withMigrator(String password) {
        return new RotationServers(rolePrefix, pgPassword, redisPassword, password);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("rotation-servers-");
        postgres = PostgresServer.start(root);
        if (migratorPassword != null) {
            postgres.execute("CREATE ROLE migrator LOGIN CREATEROLE PASSWORD '" + migratorPassword + "'");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        int n = tests.incrementAndGet();
        role = rolePrefix + n;
        postgres.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + pgPassword + "'");
        redis = RedisServer.start(Files.createDirectory(root.resolve("redis-" + n)), redisPassword);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The class's PostgreSQL. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** This test's Redis. */
    public RedisServer redis() {
        return redis;
    }

    /** This test's PostgreSQL login role. */
    public String role() {
        return role;
    }
}
