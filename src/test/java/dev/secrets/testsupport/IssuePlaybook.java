package dev.secrets.testsupport;

/** The playbook of issue 5, verbatim: it must work as written. */
public final class IssuePlaybook {
    /** The YAML text. */
    public static final String YAML = """
            version: 1
            credentials:
              - key: POSTGRES_PASSWORD            # the app role's password
                generate: {bytes: 32, encoding: base64url}
                apply:
                  postgres: {host_key: POSTGRES_HOST, port_key: POSTGRES_PORT, database_key: POSTGRES_DB,
                             role_key: POSTGRES_USER,
                             admin_user_key: POSTGRES_MIGRATOR_USER, admin_password_key: POSTGRES_MIGRATOR_PASSWORD}
              - key: REDIS_PASSWORD               # the default user's password
                generate: {bytes: 32, encoding: hex}
                apply:
                  redis: {host_key: REDIS_HOST, port_key: REDIS_PORT}
              - key: JWT_SECRET
                generate: {bytes: 32, encoding: hex}
              - key: ANTHROPIC_API_KEY
                manual: "Issue a new key in the provider console, paste it here, then revoke the old one."
            """;

    private IssuePlaybook() {
    }
}
