package dev.secrets.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The value, name and permission judgements of {@code doctor}, case by case. */
class ValueChecksTest {
    @TempDir
    Path dir;

    private static Optional<WeakSecrets.Reason> judge(String key, String value) {
        return WeakSecrets.judge(key, CredentialKeys.kind(key).orElseThrow(), value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void judge_eachKindOfWeakValue_givesItsReason() {
        assertEquals(Optional.of(WeakSecrets.Reason.PLACEHOLDER), judge("DB_PASSWORD", "changeme"));
        assertEquals(Optional.of(WeakSecrets.Reason.PLACEHOLDER), judge("POSTGRES_PASSWORD", "postgres_password"));
        assertEquals(Optional.of(WeakSecrets.Reason.PLACEHOLDER), judge("API_KEY", "<your api key here>"));
        assertEquals(Optional.of(WeakSecrets.Reason.PLACEHOLDER), judge("JWT_SECRET", "${JWT_SECRET}"));
        assertEquals(Optional.of(WeakSecrets.Reason.COMMON_PASSWORD), judge("DB_PASSWORD", "Password123"));
        assertEquals(Optional.of(WeakSecrets.Reason.TOO_SHORT), judge("DB_PASSWORD", "Zq8#kL2m"));
        assertEquals(Optional.of(WeakSecrets.Reason.TOO_SHORT), judge("JWT_SECRET", "8f3a9c2e7b1d4f6a"));
        assertEquals(Optional.of(WeakSecrets.Reason.LOW_ENTROPY), judge("DB_PASSWORD", "abababababababababab"));
    }

    @Test
    void judge_generatedValues_areNotWeak() {
        assertEquals(Optional.empty(), judge("DB_PASSWORD", "Hq4nZ8wK1pV6sD9x"));
        assertEquals(Optional.empty(), judge("SECRET_KEY", "kW9vP2xR7mN4tL8sQ1yB6cD3fG5hJ0aZ-uE2oI7rT9w"));
        assertEquals(Optional.empty(), judge("API_TOKEN", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    }

    @Test
    void kind_keyNames_classifiedByTheGuidesHabits() {
        assertEquals(Optional.of(CredentialKeys.Kind.PASSWORD), CredentialKeys.kind("REDIS_PASS"));
        assertEquals(Optional.of(CredentialKeys.Kind.KEY), CredentialKeys.kind("STRIPE_API_KEY"));
        assertEquals(Optional.of(CredentialKeys.Kind.KEY), CredentialKeys.kind("SECRET_KEY"));
        assertEquals(Optional.empty(), CredentialKeys.kind("AWS_ACCESS_KEY_ID"));
        assertEquals(Optional.empty(), CredentialKeys.kind("DB_PASSWORD_FILE"));
        assertEquals(Optional.empty(), CredentialKeys.kind("PORT"));
    }

    @Test
    void problem_productionFlags_wrongOnesNamedRightOnesPass() {
        assertTrue(ProductionFlags.problem("DEBUG", bytes("True")).isPresent());
        assertTrue(ProductionFlags.problem("ALLOWED_HOSTS", bytes("example.com,*")).isPresent());
        assertTrue(ProductionFlags.problem("CSRF_TRUSTED_ORIGINS", bytes("https://*")).isPresent());
        assertTrue(ProductionFlags.problem("CORS_ORIGIN_ALLOW_ALL", bytes("1")).isPresent());
        assertTrue(ProductionFlags.problem("SESSION_COOKIE_SECURE", bytes("False")).isPresent());
        assertTrue(ProductionFlags.problem("APP_ENV", bytes("staging")).isPresent());
        assertFalse(ProductionFlags.problem("DEBUG", bytes("False")).isPresent());
        assertFalse(ProductionFlags.problem("ALLOWED_HOSTS", bytes("api.example.com,*.example.com")).isPresent());
        assertFalse(ProductionFlags.problem("NODE_ENV", bytes("\"production\"")).isPresent());
        assertTrue(ProductionFlags.DEFAULT_PRODUCTION_NAME.matcher("prod.env.enc").find());
        assertTrue(ProductionFlags.DEFAULT_PRODUCTION_NAME.matcher(".env.production.enc").find());
        assertFalse(ProductionFlags.DEFAULT_PRODUCTION_NAME.matcher("product.env.enc").find());
    }

    @Test
    void fileNames_dotenvAndLeftovers_recognised() {
        assertTrue(FileNames.isDotenvName(".env"));
        assertTrue(FileNames.isDotenvName("deploy/.env.local"));
        assertTrue(FileNames.isDotenvName("app.env"));
        assertFalse(FileNames.isDotenvName(".env.example"));
        assertFalse(FileNames.isDotenvName("env.md"));
        assertEquals(Optional.of("a rotation backup"), FileNames.leftover("app.env.enc.backup-20261203T101010Z"));
        assertEquals(Optional.of("a rejected edit"), FileNames.leftover("app.env.enc.rejected-20261203T101010Z.age"));
        assertEquals(Optional.of("a rotation journal"), FileNames.leftover("x/.app.env.enc.rotation-journal"));
        assertEquals(Optional.empty(), FileNames.leftover(".app.env.enc.rotations"));
    }

    @Test
    void problem_identityModes_widerThan0600Flagged() throws Exception {
        Path key = Files.writeString(dir.resolve("keys.txt"), "# public key: age1...\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        String owner = Files.getOwner(key).getName();
        assertEquals(Optional.empty(), IdentityPermissions.problem(key, owner));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(Optional.of("mode 0640 is wider than 0600"), IdentityPermissions.problem(key, owner));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        assertEquals(Optional.of("owned by [" + owner + "], not by [someone-else]"),
                IdentityPermissions.problem(key, "someone-else"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
