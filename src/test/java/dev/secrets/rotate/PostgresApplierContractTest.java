package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The applier contract over a real PostgreSQL, plus: no password ever reaches the server's statement log. */
class PostgresApplierContractTest extends CredentialApplierContract {
    private PostgresServer server;

    @Override
    void startSystem(Path folder, String initial) throws Exception {
        server = PostgresServer.start(folder);
        server.execute("CREATE ROLE app LOGIN PASSWORD '" + initial + "'");
        server.execute("CREATE ROLE migrator LOGIN CREATEROLE PASSWORD 'migrator-pw-123'");
    }

    @Override
    void stopSystem() throws Exception {
        server.close();
    }

    @Override
    ApplySpec spec() {
        return new ApplySpec.Postgres("PG_HOST", "PG_PORT", Optional.of("PG_DB"), "PG_USER", Optional.of("PG_ADMIN"),
                Optional.of("PG_ADMIN_PASSWORD"));
    }

    @Override
    Map<String, String> settings() {
        return Map.of("PG_HOST", server.host(), "PG_PORT", String.valueOf(server.port()), "PG_DB", "postgres",
                "PG_USER", "app", "PG_ADMIN", "migrator", "PG_ADMIN_PASSWORD", "migrator-pw-123");
    }

    @Override
    boolean tellsAcceptance() {
        return true;
    }

    @Override
    boolean systemAccepts(String value) throws Exception {
        return server.canLogin("app", value);
    }

    @Test
    void apply_logStatementAll_serverLogHoldsVerifierNotPassword() throws Exception {
        server.execute("CREATE ROLE logcheck LOGIN PASSWORD 'logcheck-initial-1'");
        Map<String, dev.secrets.secret.SecretBytes> values = new java.util.HashMap<>();
        settings().forEach((k, v) -> values.put(k, dev.secrets.secret.SecretBytes.ofUtf8(v)));
        values.put("PG_USER", dev.secrets.secret.SecretBytes.ofUtf8("logcheck"));
        String next = "logcheck-new-value-" + System.nanoTime();
        ApplyContext context = new ApplyContext(KEY, Optional.of(dev.secrets.secret.SecretBytes.ofUtf8(
                "logcheck-initial-1")), dev.secrets.secret.SecretBytes.ofUtf8(next), values);
        CredentialApplier applier = dev.secrets.rotate.postgres.PostgresAppliers.create((ApplySpec.Postgres) spec());
        applier.apply(context);
        applier.verify(context);
        assertTrue(server.canLogin("logcheck", next));
        String log = server.log();
        assertTrue(log.contains("ALTER ROLE \"logcheck\" PASSWORD 'SCRAM-SHA-256$4096:"), "statement is logged");
        assertFalse(log.contains(next), "new password never reaches the server log");
    }
}
