package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.rotate.appliers.StandardAppliers;
import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link CredentialApplier} keeps, run against each implementation over a real system
 * (PostgreSQL, Redis, a command's state file, nothing): apply+verify switches old to new, rollback switches back,
 * apply is idempotent, verify catches an unapplied value, and no value appears in a description or message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CredentialApplierContract {
    static final String KEY = "THE_SECRET";
    static final Environment ENV = new Environment(Map.of("PATH", "/usr/bin:/bin"), Path.of("."), Path.of("."));
    private final SecretGenerator generator = new SecretGenerator();
    /** The value the system accepts now. */
    private String current;

    /** Starts the system with {@code initial} as the accepted value. */
    abstract void startSystem(Path folder, String initial) throws Exception;

    /** Stops it. */
    abstract void stopSystem() throws Exception;

    /** The playbook spec for this applier. */
    abstract ApplySpec spec();

    /** The file's settings keys (without {@link #KEY}). */
    abstract Map<String, String> settings();

    /** Whether the applier can tell which value the system accepts. */
    abstract boolean tellsAcceptance();

    /** Asks the system directly (not through the applier). */
    abstract boolean systemAccepts(String value) throws Exception;

    @BeforeAll
    void start(@TempDir Path folder) throws Exception {
        current = fresh();
        startSystem(folder, current);
    }

    @AfterAll
    void stop() throws Exception {
        stopSystem();
    }

    private String fresh() {
        return generator.generate(16, SecretGenerator.Encoding.HEX, false).toUtf8();
    }

    private ApplyContext context(String oldValue, String newValue) {
        Map<String, SecretBytes> values = new LinkedHashMap<>();
        settings().forEach((k, v) -> values.put(k, SecretBytes.ofUtf8(v)));
        values.put(KEY, SecretBytes.ofUtf8(oldValue));
        return new ApplyContext(KEY, Optional.of(SecretBytes.ofUtf8(oldValue)), SecretBytes.ofUtf8(newValue), values);
    }

    private CredentialApplier applier() {
        return new StandardAppliers(ENV).create(spec());
    }

    @Test
    void apply_thenVerify_newAcceptedAndOldRefused() throws Exception {
        String next = fresh();
        ApplyContext context = context(current, next);
        CredentialApplier applier = applier();
        applier.apply(context);
        applier.verify(context);
        String old = current;
        current = next;
        if (tellsAcceptance()) {
            assertEquals(Acceptance.ACCEPTED, applier.probe(context, context.newValue()));
            assertEquals(Acceptance.REFUSED, applier.probe(context, context.oldValue().get()));
            assertTrue(systemAccepts(next), "system accepts the new value");
            assertFalse(systemAccepts(old), "system refuses the old value");
        } else {
            assertEquals(Acceptance.UNKNOWN, applier.probe(context, context.newValue()));
        }
    }

    @Test
    void rollback_afterApply_oldAcceptedAgain() throws Exception {
        String next = fresh();
        ApplyContext context = context(current, next);
        CredentialApplier applier = applier();
        applier.apply(context);
        assertTrue(applier.rollback(context), "rollback reports success");
        if (tellsAcceptance()) {
            assertEquals(Acceptance.ACCEPTED, applier.probe(context, context.oldValue().get()));
            assertEquals(Acceptance.REFUSED, applier.probe(context, context.newValue()));
            assertTrue(systemAccepts(current));
            assertFalse(systemAccepts(next));
        }
    }

    @Test
    void apply_sameValueTwice_isIdempotent() throws Exception {
        String next = fresh();
        ApplyContext context = context(current, next);
        CredentialApplier applier = applier();
        applier.apply(context);
        applier.apply(context);
        applier.verify(context);
        current = next;
        if (tellsAcceptance()) {
            assertTrue(systemAccepts(next));
        }
    }

    @Test
    void verify_valueNeverApplied_failsWhenItCanTellAndNamesNoValue() throws Exception {
        String next = fresh();
        ApplyContext context = context(current, next);
        CredentialApplier applier = applier();
        if (tellsAcceptance()) {
            ApplyException e = assertThrows(ApplyException.class, () -> applier.verify(context));
            assertFalse(e.getMessage().contains(next) || e.getMessage().contains(current), e.getMessage());
            assertTrue(e.getMessage().contains(KEY), e.getMessage());
            assertEquals(Acceptance.REFUSED, applier.probe(context, context.newValue()));
        } else {
            applier.verify(context); // nothing to check: must not fail
            assertEquals(Acceptance.UNKNOWN, applier.probe(context, context.newValue()));
        }
    }

    @Test
    void describe_anyApplier_namesNoValue() {
        String description = applier().describe();
        assertFalse(description.contains(current), description);
        settings().values().stream().filter(v -> v.length() > 10)
                .forEach(v -> assertFalse(description.contains(v), description));
    }
}
