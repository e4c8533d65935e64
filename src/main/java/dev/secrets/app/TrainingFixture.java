package dev.secrets.app;

import dev.secrets.age.AgeKeyPair;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A throw-away key and encrypted file for the launcher's class-data-sharing training run ({@code bin/secrets}
 * records which classes {@code render}, {@code exec} and {@code decrypt} load so later cold starts map them
 * instead of loading them). Holds nothing of the user's: a fresh key and made-up values.
 *
 * @param identityFile the fresh age identity file
 * @param encryptedFile a SOPS dotenv file encrypted for it
 */
public record TrainingFixture(Path identityFile, Path encryptedFile) {
    /** Writes a fresh identity and an encrypted sample file into {@code folder} (a private temp folder). */
    public static TrainingFixture create(Path folder, Environment env) throws Exception {
        Path identity = folder.resolve("keys.txt");
        Path plain = folder.resolve("sample.env");
        Path encrypted = folder.resolve("sample.env.enc");
        AgeKeyPair pair = AgeKeyPair.generate();
        try {
            AtomicFiles.createNew(identity, pair.keysFile().copy());
            AtomicFiles.createNew(plain, ("# sample\nDATABASE_URL=postgres://app@db/app\nAPI_TOKEN=t0k3n\n\n"
                    + "EMPTY=\n").getBytes(StandardCharsets.UTF_8));
            EncryptFile.run(new EncryptFile.Request(plain, null, plain, encrypted, List.of(pair.recipient()), null,
                    Map.of(), false), env, Clock.systemUTC());
            return new TrainingFixture(identity, encrypted);
        } finally {
            pair.destroy();
        }
    }
}
