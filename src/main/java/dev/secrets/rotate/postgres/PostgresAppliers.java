package dev.secrets.rotate.postgres;

import dev.secrets.rotate.ApplySpec;
import dev.secrets.rotate.CredentialApplier;

/** Makes the PostgreSQL applier (the implementation is package-private). */
public final class PostgresAppliers {
    private PostgresAppliers() {
    }

    /** The applier for {@code spec}: ALTER ROLE with a client-side SCRAM-SHA-256 verifier. */
    public static CredentialApplier create(ApplySpec.Postgres spec) {
        return new PostgresApplier(spec);
    }
}
