package dev.secrets.rotate.redis;

import dev.secrets.rotate.ApplySpec;
import dev.secrets.rotate.CredentialApplier;

/** Makes the Redis applier (the implementation is package-private). */
public final class RedisAppliers {
    private RedisAppliers() {
    }

    /** The applier for {@code spec}: ACL SETUSER with hashed passwords, or CONFIG SET requirepass. */
    public static CredentialApplier create(ApplySpec.Redis spec) {
        return new RedisApplier(spec);
    }
}
