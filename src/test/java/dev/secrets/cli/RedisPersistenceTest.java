package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis rotation leaves nothing old behind: after {@code rotate}, neither {@code redis.conf} (rewritten by
 * {@code CONFIG REWRITE}) nor {@code CONFIG GET requirepass} holds the retired password, and after a restart the
 * new one works and the old one is refused.
 */
class RedisPersistenceTest {
    private static final String OLD = "redis-retired-pass-1";
    @TempDir
    Path dir;

    @Test
    void rotate_requirepassInConfig_configAndRestartHoldOnlyTheNewPassword() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("redis"));
        try (RedisServer redis = RedisServer.start(folder, OLD)) {
            Keys keys = Keys.create(dir.resolve("key.txt"));
            Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
            Files.writeString(dir.resolve("app.env"), "REDIS_URL=redis://:" + OLD + "@127.0.0.1:" + redis.port()
                    + "/0\n");
            assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc").exitCode());
            Files.delete(dir.resolve("app.env"));
            Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n  - key: REDIS_URL\n"
                    + "    generate: {bytes: 32, encoding: hex}\n    apply: {redis: {url_key: REDIS_URL}}\n");
            Cli.Run run = cli.run("rotate", "app.env.enc", "--all");
            assertEquals(0, run.exitCode(), run.stderr());
            assertFalse(run.stderr().contains(OLD));
            String url = cli.run("get", "app.env.enc", "REDIS_URL").out();
            String fresh = url.substring(url.indexOf(":", 8) + 1, url.indexOf('@'));

            String config = Files.readString(folder.resolve("redis.conf"));
            assertFalse(config.contains(OLD), "redis.conf no longer holds the retired password");
            assertTrue(config.contains("CONFIG REWRITE"), "the change was persisted");
            String requirepass = redisCli(redis, fresh, "CONFIG", "GET", "requirepass");
            assertFalse(requirepass.contains(OLD), requirepass);

            redis.stop();
            redis.start();
            assertTrue(redis.canAuth("default", fresh), "new password after a restart");
            assertFalse(redis.canAuth("default", OLD), "old password refused after a restart");
        }
    }

    private static String redisCli(RedisServer redis, String password, String... command) throws Exception {
        Path redisCli = Programs.require("redis-cli", "apt-get install redis-tools");
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(redisCli.toString(), "-h",
                redis.host(), "-p", String.valueOf(redis.port())));
        argv.addAll(java.util.List.of(command));
        Programs.Output output = Programs.run(argv, null, java.util.Map.of("REDISCLI_AUTH", password),
                java.util.List.of());
        assertEquals(0, output.exitCode(), output.text());
        return output.text();
    }
}
