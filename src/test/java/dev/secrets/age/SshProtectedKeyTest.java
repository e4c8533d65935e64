package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.testsupport.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OpenSSH keys protected with {@code ssh-keygen -N} (bcrypt-pbkdf + aes256-ctr), ssh-ed25519 and ssh-rsa: files the
 * real age CLI encrypted to the {@code .pub} open after the passphrase is asked exactly once.
 */
class SshProtectedKeyTest {
    private static final String PASSPHRASE = "open sesame 42";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private final List<String> asked = new ArrayList<>();

    @AfterEach
    void uninstall() {
        PassphrasePrompt.install(PassphrasePrompt.NONE);
    }

    @ParameterizedTest
    @CsvSource({"ed25519,0", "rsa,3072"})
    void decrypt_ageCliFileToProtectedKey_asksOnceAndOpens(String type, int bits) throws Exception {
        SshKeys key = SshKeys.generate(dir.resolve("id"), PASSPHRASE, type, bits);
        Files.writeString(dir.resolve("id.pub"), key.publicLine() + "\n");
        byte[] plain = random(500);
        byte[] first = AgeCli.run("age", plain, "-R", dir.resolve("id.pub").toString());
        byte[] second = AgeCli.run("age", plain, "-R", dir.resolve("id.pub").toString(), "-a");
        PassphrasePrompt.install(prompt -> {
            asked.add(prompt);
            return Optional.of(SecretBytes.ofUtf8(PASSPHRASE));
        });
        AgeIdentity identity = AgeIdentity.parseSsh(Files.readAllBytes(key.privateKey()), "[id]");
        assertEquals(List.of(), asked, "nothing asked before a file needs the key");
        AgeIdentities identities = AgeIdentities.of(List.of(identity));

        assertArrayEquals(plain, AgeFiles.decrypt(first, identities, "[first]").copy());
        assertArrayEquals(plain, AgeFiles.decrypt(second, identities, "[second]").copy());

        assertEquals(1, asked.size(), "asked once: " + asked);
        assertTrue(asked.get(0).contains("SSH key [id]"), asked.get(0));
        assertFalse(asked.get(0).contains(PASSPHRASE));
    }

    @ParameterizedTest
    @CsvSource({"ed25519,0", "rsa,2048"})
    void decrypt_wrongPassphraseForProtectedKey_wrongPassphraseNamingTheKey(String type, int bits) throws Exception {
        SshKeys key = SshKeys.generate(dir.resolve("id"), PASSPHRASE, type, bits);
        byte[] file = AgeFiles.encrypt(SecretBytes.ofUtf8("x"), List.of(key.publicLine()), false);
        PassphrasePrompt.install(prompt -> Optional.of(SecretBytes.ofUtf8("not it")));
        AgeIdentities identities = AgeIdentities.of(List.of(
                AgeIdentity.parseSsh(Files.readAllBytes(key.privateKey()), "[id]")));

        KeyException.WrongPassphrase e = assertThrows(KeyException.WrongPassphrase.class,
                () -> AgeFiles.decrypt(file, identities, "[file]"));

        assertTrue(e.getMessage().contains("SSH key [id] is wrong"), e.getMessage());
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
