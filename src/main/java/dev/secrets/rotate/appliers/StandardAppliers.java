package dev.secrets.rotate.appliers;

import dev.secrets.io.Environment;
import dev.secrets.rotate.ApplierFactory;
import dev.secrets.rotate.ApplySpec;
import dev.secrets.rotate.CredentialApplier;
import dev.secrets.rotate.postgres.PostgresAppliers;
import dev.secrets.rotate.redis.RedisAppliers;
import dev.secrets.rotate.shell.CommandAppliers;

/**
 * The one factory of the built-in appliers: postgres, redis, command and none (manual credentials use none: the
 * person applies them). It lives in its own package so that {@code rotate} does not depend on its sub-packages,
 * which depend on it.
 */
public final class StandardAppliers implements ApplierFactory {
    private final Environment environment;

    /** A factory whose command applier passes PATH, HOME, LANG and TMPDIR from {@code environment}. */
    public StandardAppliers(Environment environment) {
        this.environment = environment;
    }

    @Override
    public CredentialApplier create(ApplySpec spec) {
        if (spec instanceof ApplySpec.Postgres p) {
            return PostgresAppliers.create(p);
        }
        if (spec instanceof ApplySpec.Redis r) {
            return RedisAppliers.create(r);
        }
        if (spec instanceof ApplySpec.Command c) {
            return CommandAppliers.create(c, environment);
        }
        return new NoneApplier();
    }
}
