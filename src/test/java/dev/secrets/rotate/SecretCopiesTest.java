package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.secret.SecretBytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** URLs with credentials and the copies of a credential inside other values, on real byte values. */
class SecretCopiesTest {
    private static Map<String, SecretBytes> values(String... pairs) {
        Map<String, SecretBytes> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], SecretBytes.ofUtf8(pairs[i + 1]));
        }
        return out;
    }

    @Test
    void parse_postgresUrlWithEverything_readsEachPartDecoded() {
        ConnectionUrl url = ConnectionUrl.parse(SecretBytes.ofUtf8(
                "postgresql://app%20user:p%40ss@db.example.com:6543/my%2Fdb?sslmode=require&application_name=x"))
                .orElseThrow();
        assertTrue(url.isPostgres());
        assertEquals(Optional.of("app user"), url.user());
        assertEquals("p@ss", url.password().orElseThrow().toUtf8());
        assertEquals("db.example.com", url.host());
        assertEquals(Optional.of(6543), url.port());
        assertEquals(Optional.of("my/db"), url.path());
        assertEquals(Map.of("sslmode", "require", "application_name", "x"), url.options());
    }

    @Test
    void parse_redissIpv6NoUser_readsHostAndTls() {
        ConnectionUrl url = ConnectionUrl.parse(SecretBytes.ofUtf8("rediss://:pw@[::1]:6380/2")).orElseThrow();
        assertTrue(url.isRedis());
        assertEquals("rediss", url.scheme());
        assertEquals(Optional.empty(), url.user());
        assertEquals("::1", url.host());
        assertEquals(Optional.of(6380), url.port());
    }

    @Test
    void parse_unencodedAtInPassword_lastAtEndsUserInfo() {
        ConnectionUrl url = ConnectionUrl.parse(SecretBytes.ofUtf8("redis://u:a@b@h:1/0")).orElseThrow();
        assertEquals("a@b", url.password().orElseThrow().toUtf8());
        assertEquals("h", url.host());
    }

    @Test
    void parse_badPortOrSeveralHosts_failsWithoutTheValue() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> ConnectionUrl.parse(SecretBytes.ofUtf8("postgres://u:secretpw@h:99999/db")));
        assertFalse(port.getMessage().contains("secretpw"));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectionUrl.parse(SecretBytes.ofUtf8("postgres://u:secretpw@h1,h2/db")));
        assertEquals(Optional.empty(), ConnectionUrl.parse(SecretBytes.ofUtf8("not a url")));
    }

    @Test
    void withPassword_needsEncoding_percentEncodesOnlyThePassword() {
        ConnectionUrl url = ConnectionUrl.parse(SecretBytes.ofUtf8("postgres://app:old@h:5432/app?x=1"))
                .orElseThrow();
        assertEquals("postgres://app:n%2Fw%40%3A%25@h:5432/app?x=1",
                url.withPassword(SecretBytes.ofUtf8("n/w@:%")).toUtf8());
    }

    @Test
    void changes_urlCredentialWithCopies_rewritesOwnUrlEncodedCopyAndVerbatimCopy() {
        Map<String, SecretBytes> v = values("REDIS_URL", "redis://:p%2Fss-old-1@r:6379/0",
                "CELERY_BROKER_URL", "redis://:p%2Fss-old-1@r:6379/1",
                "RAW", "prefix p/ss-old-1 suffix", "OTHER", "redis://:different@r:6379/0", "USER_SAME", "app");
        SecretBytes old = SecretCopies.current("REDIS_URL", v).orElseThrow();
        assertEquals("p/ss-old-1", old.toUtf8());
        SecretCopies.Changes changes = SecretCopies.changes("REDIS_URL", v, Optional.of(old),
                SecretBytes.ofUtf8("n+w-2"), List.of("CELERY_BROKER_URL", "USER_SAME"));
        assertEquals("redis://:n%2Bw-2@r:6379/0", changes.values().get("REDIS_URL").toUtf8());
        assertEquals("redis://:n%2Bw-2@r:6379/1", changes.values().get("CELERY_BROKER_URL").toUtf8());
        assertEquals("prefix n+w-2 suffix", changes.values().get("RAW").toUtf8());
        assertEquals(List.of("CELERY_BROKER_URL", "RAW"), changes.embeddedIn());
        assertEquals(List.of("USER_SAME"), changes.missing(), "also_in without a copy is reported");
        assertFalse(changes.values().containsKey("OTHER"));
    }

    @Test
    void changes_passwordEqualsUserName_onlyThePasswordChanges() {
        Map<String, SecretBytes> v = values("DATABASE_URL", "postgres://app:app@h/app");
        SecretBytes old = SecretCopies.current("DATABASE_URL", v).orElseThrow();
        SecretCopies.Changes changes = SecretCopies.changes("DATABASE_URL", v, Optional.of(old),
                SecretBytes.ofUtf8("fresh"), List.of());
        assertEquals("postgres://app:fresh@h/app", changes.values().get("DATABASE_URL").toUtf8());
    }

    @Test
    void holders_shortValue_notMatchedVerbatimInsideText() {
        Map<String, SecretBytes> v = values("PIN", "1234", "TEXT", "order 1234 shipped");
        assertEquals(List.of(), SecretCopies.holders("PIN", v, v.get("PIN")));
    }

    @Test
    void current_urlWithoutPassword_refusedRatherThanReplaced() {
        Map<String, SecretBytes> v = values("REDIS_URL", "redis://r:6379/0");
        assertThrows(IllegalArgumentException.class, () -> SecretCopies.current("REDIS_URL", v));
    }

    @Test
    void uncoveredUrls_passwordNotRotated_named() {
        Map<String, SecretBytes> v = values("REDIS_PASSWORD", "redis-pass-123", "REDIS_URL",
                "redis://:redis-pass-123@r/0", "AMQP_URL", "amqp://u:rabbit-pass@q/");
        assertEquals(List.of("AMQP_URL"), SecretCopies.uncoveredUrls(v, List.of("REDIS_PASSWORD")));
    }
}
