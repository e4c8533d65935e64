package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.rotate.appliers.StandardAppliers;
import dev.secrets.secret.SecretGenerator;
import dev.secrets.testsupport.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} of a rotating process after the server took the new Redis password and before the file
 * was written: the next run finds the sealed value in the journal, sees that Redis accepts it and refuses the
 * file's old one, and writes it to the file.
 */
class KillDuringRotationTest {
    @Test
    void run_processKilledBetweenApplyAndCommit_nextRunRecoversFromJournal(@TempDir Path folder) throws Exception {
        try (RedisServer redis = RedisServer.start(folder, "redis-old-password-1")) {
            Path playbookFile = folder.resolve("secrets-playbook.yaml");
            Files.writeString(playbookFile, "version: 1\ncredentials:\n  - key: JWT_SECRET\n"
                    + "    generate: {bytes: 32, encoding: hex}\n  - key: REDIS_PASSWORD\n"
                    + "    generate: {bytes: 32, encoding: hex}\n"
                    + "    apply: {redis: {host_key: REDIS_HOST, port_key: REDIS_PORT}}\n");
            Path storeFile = folder.resolve("env");
            Map<String, String> initial = new LinkedHashMap<>();
            initial.put("REDIS_HOST", redis.host());
            initial.put("REDIS_PORT", String.valueOf(redis.port()));
            initial.put("REDIS_PASSWORD", "redis-old-password-1");
            initial.put("JWT_SECRET", "jwt-old");
            LinesFileStore.write(storeFile, initial);
            Path journalFile = folder.resolve("journal");
            byte[] sealKey = new byte[32];
            new SecureRandom().nextBytes(sealKey);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    RotationChild.class.getName(), playbookFile.toString(), storeFile.toString(),
                    journalFile.toString())).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("SEAL_KEY", HexFormat.of().formatHex(sealKey));
            builder.environment().put("BLOCK_COMMIT_OF", "REDIS_PASSWORD");
            Process child = builder.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertEquals("COMMIT REDIS_PASSWORD", out.readLine());
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");

            LinesFileStore store = new LinesFileStore(storeFile);
            assertEquals("redis-old-password-1", store.read().get("REDIS_PASSWORD"), "file not written");
            assertTrue(!store.read().get("JWT_SECRET").equals("jwt-old"), "earlier credential committed");
            assertFalse(redis.canAuth("default", "redis-old-password-1"), "server already switched");
            TestSealer sealer = new TestSealer(sealKey);
            assertEquals(Set.of("REDIS_PASSWORD"), new FileJournal(journalFile, sealer).pendingKeys());

            Environment env = new Environment(Map.of(), folder, folder);
            RotationReport report = new CredentialRotation(new StandardAppliers(env), new SecretGenerator(),
                    ManualInput.UNAVAILABLE, RotationListener.SILENT).run(PlaybookLoader.load(playbookFile),
                            store.secrets(), CredentialRotation.Request.all(), store,
                            new FileJournal(journalFile, sealer));

            assertEquals(RotationReport.Status.RECOVERED, report.entry("REDIS_PASSWORD").status(),
                    report.toJson().toString());
            assertEquals(RotationReport.Status.ALREADY_ROTATED, report.entry("JWT_SECRET").status());
            String stored = store.read().get("REDIS_PASSWORD");
            assertTrue(redis.canAuth("default", stored), "file and server agree");
            assertFalse(redis.canAuth("default", "redis-old-password-1"));
            assertFalse(Files.exists(journalFile), "journal cleared");
        }
    }
}
