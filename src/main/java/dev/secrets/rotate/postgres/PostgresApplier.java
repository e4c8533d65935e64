package dev.secrets.rotate.postgres;

import dev.secrets.rotate.Acceptance;
import dev.secrets.rotate.ApplyContext;
import dev.secrets.rotate.ApplyException;
import dev.secrets.rotate.ApplySpec;
import dev.secrets.rotate.CredentialApplier;
import dev.secrets.rotate.Endpoint;
import dev.secrets.secret.SecretBytes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Changes a PostgreSQL role's password with {@code ALTER ROLE "role" PASSWORD 'SCRAM-SHA-256$...'}: the
 * verifier is computed here, so the password never travels in a statement (nor into {@code log_statement}
 * output). Connects as the admin/migrator role when the playbook names one, else as the role itself with its old
 * password. Verification logs in as the role with the new password (must work) and the old (must be refused with
 * SQLSTATE 28P01). Sessions already open with the old password stay open: PostgreSQL checks passwords only at
 * login.
 */
final class PostgresApplier implements CredentialApplier {
    private static final String INVALID_PASSWORD = "28P01";
    /** URL query options that mean the same to the JDBC driver as to libpq; others are ignored. */
    private static final java.util.Set<String> PASSED_OPTIONS = java.util.Set.of("sslmode", "sslrootcert",
            "sslcert", "sslkey");
    private final ApplySpec.Postgres spec;

    PostgresApplier(ApplySpec.Postgres spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return "postgres ALTER ROLE " + (spec.roleKey() != null ? "[" + spec.roleKey() + "]" : "of the URL's user")
                + " on " + Endpoint.describe(keys()) + spec.adminUserKey().map(k -> " as [" + k + "]").orElse(" as the role itself");
    }

    private Endpoint.Keys keys() {
        return new Endpoint.Keys(spec.urlKey(), spec.hostKey(), spec.portKey(), spec.roleKey(), spec.databaseKey());
    }

    private Endpoint endpoint(ApplyContext context) throws ApplyException {
        return Endpoint.resolve(context, keys(), "postgres", 5432);
    }

    private String role(ApplyContext context) throws ApplyException {
        return endpoint(context).user().orElseThrow(() -> new ApplyException("[" + context.key() + "] names no role:"
                + " give role_key, or a user in the URL", false, null));
    }

    @Override
    public void apply(ApplyContext context) throws ApplyException {
        setPassword(context, context.newValue(), false);
    }

    @Override
    public void verify(ApplyContext context) throws ApplyException {
        if (probe(context, context.newValue()) != Acceptance.ACCEPTED) {
            throw new ApplyException("[" + context.key() + "] role does not log in with the new password", true,
                    null);
        }
        if (context.oldValue().isPresent() && probe(context, context.oldValue().get()) != Acceptance.REFUSED) {
            throw new ApplyException("[" + context.key() + "] role still logs in with the old password", true, null);
        }
    }

    @Override
    public boolean rollback(ApplyContext context) throws ApplyException {
        if (context.oldValue().isEmpty()) {
            return false;
        }
        setPassword(context, context.oldValue().get(), true);
        return probe(context, context.oldValue().get()) == Acceptance.ACCEPTED;
    }

    @Override
    public Acceptance probe(ApplyContext context, SecretBytes candidate) throws ApplyException {
        String role = role(context);
        try {
            connect(context, role, candidate).close();
            return Acceptance.ACCEPTED;
        } catch (SQLException e) {
            if (INVALID_PASSWORD.equals(e.getSQLState())) {
                return Acceptance.REFUSED;
            }
            throw new ApplyException("[" + context.key() + "] cannot reach PostgreSQL to check the role: "
                    + safeMessage(e), false, e);
        }
    }

    private void setPassword(ApplyContext context, SecretBytes password, boolean rollingBack) throws ApplyException {
        String role = role(context);
        if (role.isBlank()) {
            throw new ApplyException("[" + context.key() + "] the role name is blank", false, null);
        }
        String verifier;
        try {
            verifier = ScramVerifier.of(password);
        } catch (IllegalArgumentException e) {
            throw new ApplyException("[" + context.key() + "] " + e.getMessage()
                    + "; use a generated value (base64url, hex, alnum)", false, null);
        }
        String adminUser = spec.adminUserKey().isPresent()
                ? context.setting(spec.adminUserKey().get(), "admin_user_key") : role;
        SecretBytes adminPassword = adminPassword(context, rollingBack);
        try (Connection c = connect(context, adminUser, adminPassword); Statement s = c.createStatement()) {
            // Utility statements take no parameters: the identifier is quoted, and the verifier has only
            // base64 characters, '$' and ':' (no quote can occur).
            s.execute("ALTER ROLE " + quoteIdent(role) + " PASSWORD '" + verifier + "'");
        } catch (SQLException e) {
            // Names only by key: a playbook naming the wrong key must not echo what it holds.
            String as = spec.adminUserKey().map(k -> "the admin role of [" + k + "]").orElse("the role itself");
            throw new ApplyException("[" + context.key() + "] ALTER ROLE failed as " + as + ": " + safeMessage(e),
                    "check that the admin role may alter the role (CREATEROLE)", false, e);
        }
    }

    /** The password to log in with for ALTER ROLE; when the role changes its own, the one currently in force. */
    private SecretBytes adminPassword(ApplyContext context, boolean rollingBack) throws ApplyException {
        if (spec.adminPasswordKey().isPresent() && !spec.adminPasswordKey().get().equals(context.key())) {
            return context.secretSetting(spec.adminPasswordKey().get(), "admin_password_key");
        }
        if (rollingBack) {
            return context.newValue();
        }
        return context.oldValue().orElseThrow(() -> new ApplyException("[" + context.key() + "] has no old password"
                + " to log in with; name admin_user_key and admin_password_key in the playbook", false, null));
    }

    private Connection connect(ApplyContext context, String user, SecretBytes password) throws ApplyException,
            SQLException {
        Endpoint endpoint = endpoint(context);
        String host = endpoint.host();
        int port = endpoint.port();
        String database = endpoint.database().orElse("postgres");
        Properties properties = new Properties();
        endpoint.options().forEach((name, value) -> {
            if (PASSED_OPTIONS.contains(name)) {
                properties.setProperty(name, value);
            }
        });
        properties.setProperty("user", user);
        properties.setProperty("password", password.toUtf8());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "secrets-rotate");
        String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8);
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver did not accept the connection URL");
        }
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
            r.next();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    static String quoteIdent(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("role name is empty or holds NUL");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The server's message without anything that could echo a value (only the first line, SQLSTATE added). */
    private static String safeMessage(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return message + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }
}
