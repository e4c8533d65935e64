package dev.secrets.rotate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a new value reaches the system that checks it. Connection settings are KEY NAMES of the decrypted file
 * (never values), so a playbook holds nothing secret.
 */
public sealed interface ApplySpec {

    /** The applier's playbook name ({@code postgres}, {@code redis}, {@code command}, {@code none}). */
    String kind();

    /**
     * {@code ALTER ROLE} on a PostgreSQL server, connected as an admin or migrator role (both admin keys), or
     * without them as the role itself with its old password. The database defaults to {@code postgres}. With
     * {@code urlKey} the host, port, role, database and options come from that key's {@code postgres://} URL, and
     * any split key given as well (then nullable) overrides its part.
     */
    record Postgres(String hostKey, String portKey, Optional<String> databaseKey, String roleKey,
            Optional<String> adminUserKey, Optional<String> adminPasswordKey, Optional<String> urlKey)
            implements ApplySpec {
        /** Split keys only. */
        public Postgres(String hostKey, String portKey, Optional<String> databaseKey, String roleKey,
                Optional<String> adminUserKey, Optional<String> adminPasswordKey) {
            this(hostKey, portKey, databaseKey, roleKey, adminUserKey, adminPasswordKey, Optional.empty());
        }

        @Override
        public String kind() {
            return "postgres";
        }
    }

    /**
     * A Redis user's password. The user is {@code user} (a literal name), or the value of {@code usernameKey},
     * or the URL's user, or {@code default}. Without admin keys the applier authenticates as that user with the
     * old password. With {@code urlKey} the host, port, user and TLS ({@code rediss://}) come from that key's URL;
     * split keys given as well (then nullable) override their part.
     */
    record Redis(String hostKey, String portKey, Optional<String> user, Optional<String> usernameKey,
            Optional<String> adminUserKey, Optional<String> adminPasswordKey, Optional<String> urlKey)
            implements ApplySpec {
        /** Split keys only. */
        public Redis(String hostKey, String portKey, Optional<String> user, Optional<String> usernameKey,
                Optional<String> adminUserKey, Optional<String> adminPasswordKey) {
            this(hostKey, portKey, user, usernameKey, adminUserKey, adminPasswordKey, Optional.empty());
        }

        @Override
        public String kind() {
            return "redis";
        }
    }

    /**
     * Runs {@code run} with {@code KEY}, {@code OLD_VALUE} and {@code NEW_VALUE} in its environment; optionally
     * {@code verify}, which exits 0 when {@code CANDIDATE_VALUE} is accepted and non-zero when it is refused.
     */
    record Command(List<String> run, Optional<List<String>> verify, Duration timeout) implements ApplySpec {
        @Override
        public String kind() {
            return "command";
        }
    }

    /** Nothing outside the file checks the value (a signing secret only the app reads): just replace it. */
    record None() implements ApplySpec {
        @Override
        public String kind() {
            return "none";
        }
    }
}
