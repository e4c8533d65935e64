package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interoperability with the real age tools, both directions. */
class AgeCliInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void wrap_dataKey_decryptedByAgeCliToSameBytes() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        Path keys = dir.resolve("keys.txt");
        Files.write(keys, pair.keysFile().copy());
        byte[] dataKey = randomBytes(32);

        WrappedKey wrapped = new AgeDataKeyWrapper().wrap(pair.recipient(), SecretBytes.copyOf(dataKey));

        byte[] decrypted = AgeCli.run("age", wrapped.enc().getBytes(StandardCharsets.US_ASCII),
                "-d", "-i", keys.toString());
        assertArrayEquals(dataKey, decrypted);
    }

    @Test
    void decrypt_fileArmoredByAgeCli_returnsPlaintext() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        byte[] plaintext = randomBytes(100_000);
        byte[] armored = AgeCli.run("age", plaintext, "-r", pair.recipient(), "-a");
        assertTrue(AgeFiles.isArmored(armored));

        SecretBytes opened = AgeFiles.decrypt(armored, AgeIdentities.of(List.of(pair.identity())), "[age -a output]");

        assertTrue(opened.equalsConstantTime(plaintext));
    }

    @Test
    void unwrap_dataKeyWrappedByAgeCli_returnsSameKey() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        byte[] dataKey = randomBytes(32);
        String armored = AgeCli.text(AgeCli.run("age", dataKey, "-r", pair.recipient(), "-a"));

        SecretBytes key = AgeIdentities.of(List.of(pair.identity()))
                .unwrap(List.of(new WrappedKey("age", pair.recipient(), armored)));

        assertTrue(key.equalsConstantTime(dataKey));
    }

    @Test
    void keysFile_generatedByUs_acceptedByAgeKeygenAndAgeDecrypt() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        Path keys = dir.resolve("ours.txt");
        Files.write(keys, pair.keysFile().copy());

        String recipient = AgeCli.text(AgeCli.run("age-keygen", null, "-y", keys.toString())).strip();
        assertEquals(pair.recipient(), recipient);

        byte[] plaintext = "hello from secrets\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = AgeFiles.encrypt(SecretBytes.copyOf(plaintext), List.of(recipient), false);
        assertArrayEquals(plaintext, AgeCli.run("age", binary, "-d", "-i", keys.toString()));
    }

    @Test
    void identity_generatedByAgeKeygen_worksWithOurApi() throws Exception {
        Path keys = dir.resolve("age-keygen.txt");
        AgeCli.run("age-keygen", null, "-o", keys.toString());
        String recipient = AgeCli.text(AgeCli.run("age-keygen", null, "-y", keys.toString())).strip();

        assertEquals(List.of(recipient), AgeKeyPair.recipientsOf(keys));
        AgeIdentities identities = AgeIdentities.of(IdentityFile.read(keys, "[" + keys + "]"));
        byte[] dataKey = randomBytes(32);
        WrappedKey wrapped = new AgeDataKeyWrapper().wrap(recipient, SecretBytes.copyOf(dataKey));
        assertTrue(identities.unwrap(List.of(wrapped)).equalsConstantTime(dataKey));

        byte[] fromAge = AgeCli.run("age", dataKey, "-r", recipient);
        assertTrue(AgeFiles.decrypt(fromAge, identities, "[age output]").equalsConstantTime(dataKey));
    }

    @Test
    void encrypt_severalRecipients_eachDecryptsWithAgeCli() throws Exception {
        AgeKeyPair first = AgeKeyPair.generate();
        AgeKeyPair second = AgeKeyPair.generate();
        byte[] plaintext = randomBytes(70_000);

        byte[] armored = AgeFiles.encrypt(SecretBytes.copyOf(plaintext),
                List.of(first.recipient(), " " + second.recipient() + " "), true);

        for (AgeKeyPair pair : List.of(first, second)) {
            Path keys = dir.resolve(pair.recipient() + ".txt");
            Files.write(keys, pair.keysFile().copy());
            assertArrayEquals(plaintext, AgeCli.run("age", armored, "-d", "-i", keys.toString()));
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
