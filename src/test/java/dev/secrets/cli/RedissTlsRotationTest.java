package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.RedisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real Redis that speaks only TLS, with a throw-away CA made by the openssl CLI at test
 * time: {@code rotate --all} changes the password over TLS, trusting the CA the URL names ({@code ssl_ca_certs},
 * as redis-py and Celery read it) and checking the host name; the old password is refused (checked with
 * {@code redis-cli --tls}). Without the CA option the JDK's trust store does not know the CA: nothing changes.
 */
class RedissTlsRotationTest {
    private static final String OLD = "redis-tls-old-pass-1";
    @TempDir
    static Path pki;
    private static Path ca;
    private static RedisServer redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTlsRedis() throws Exception {
        Programs.require("openssl", "apt-get install openssl");
        ca = pki.resolve("ca.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=secrets test CA");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        Files.writeString(pki.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                "server.pem", "-days", "1", "-extfile", "san.cnf");
        redis = RedisServer.startTls(Files.createDirectory(pki.resolve("redis")), OLD, pki.resolve("server.pem"),
                pki.resolve("server.key"), ca);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void rotateAll_redissUrlWithCaOption_passwordRotatedOverTlsOldRefused() throws Exception {
        Cli cli = fixture("?ssl_ca_certs=" + ca);
        Cli.Run run = cli.run("rotate", ".env.enc", "--all");
        assertEquals(0, run.exitCode(), run.stderr());
        String url = decrypt(cli);
        String now = password(url);
        assertNotEquals(OLD, now);
        assertTrue(url.endsWith("@127.0.0.1:" + redis.port() + "/0?ssl_ca_certs=" + ca), "the rest of the URL kept");
        assertEquals("PONG", ping(now), "the new password works over TLS");
        assertTrue(ping(OLD).contains("WRONGPASS"), "the old one is refused");
        assertFalse(run.stderr().contains(OLD) || run.stderr().contains(now));
    }

    @Test
    void rotateAll_redissUrlCaNotTrusted_refusedNothingChanged() throws Exception {
        String before = ping(OLD);
        Cli cli = fixture("");
        Cli.Run run = cli.run("rotate", ".env.enc", "--all");
        assertEquals(ExitCode.ROTATION_FAILED.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().toLowerCase(java.util.Locale.ROOT).contains("certif")
                || run.stderr().contains("PKIX"), run.stderr());
        assertEquals(before, ping(OLD), "the server was not touched");
        assertEquals(OLD, password(decrypt(cli)));
    }

    private Cli fixture(String query) throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve(".env"), "REDIS_URL=rediss://:" + OLD + "@127.0.0.1:" + redis.port() + "/0"
                + query + "\n");
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), ".env", "-o", ".env.enc").exitCode());
        Files.delete(dir.resolve(".env"));
        Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n  - key: REDIS_URL\n"
                + "    generate: {bytes: 24, encoding: hex}\n    apply: {redis: {url_key: REDIS_URL}}\n");
        return cli;
    }

    private static String decrypt(Cli cli) {
        Cli.Run run = cli.run("get", ".env.enc", "REDIS_URL");
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out().strip();
    }

    private static String password(String url) {
        String info = URI.create(url).getRawUserInfo();
        return info.substring(info.indexOf(':') + 1);
    }

    /** {@code PING} with redis-cli over TLS, trusting the test CA; returns what it printed. */
    private static String ping(String password) throws Exception {
        return Programs.run(List.of("redis-cli", "--tls", "--cacert", ca.toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(redis.port()), "--user", "default", "--pass", password, "--no-auth-warning", "PING"),
                pki, Map.of(), List.of()).text().strip();
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Programs.Output out = Programs.run(command, pki, Map.of(), List.of());
        assertEquals(0, out.exitCode(), out.text());
    }
}
