package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.testsupport.SshKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh-rsa (2048 and 4096 bits, keys from ssh-keygen) both ways with the real age CLI. */
class SshRsaInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2048, 4096})
    void encrypt_toSshRsaRecipient_ageCliDecryptsWithTheKey(int bits) throws Exception {
        SshKeys key = SshKeys.generate(dir.resolve("id_rsa"), "", "rsa", bits);
        byte[] plain = random(20_000);

        byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(plain), List.of(key.publicLine()), true);

        assertTrue(new String(file, StandardCharsets.US_ASCII).startsWith("-----BEGIN AGE ENCRYPTED FILE-----"));
        byte[] opened = AgeCli.run("age", file, "-d", "-i", key.privateKey().toString());
        assertArrayEquals(plain, opened);
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 4096})
    void decrypt_ageCliFileToSshRsaKey_opensWithTheKey(int bits) throws Exception {
        SshKeys key = SshKeys.generate(dir.resolve("id_rsa"), "", "rsa", bits);
        Files.writeString(dir.resolve("id_rsa.pub"), key.publicLine() + "\n");
        byte[] plain = random(3000);
        byte[] file = AgeCli.run("age", plain, "-R", dir.resolve("id_rsa.pub").toString());
        assertTrue(AgeCli.text(file).contains("-> ssh-rsa "), "age wrote an ssh-rsa stanza");

        AgeIdentity identity = AgeIdentity.parseSsh(Files.readAllBytes(key.privateKey()), "[id_rsa]");
        SecretBytes opened = AgeFiles.decrypt(file, AgeIdentities.of(List.of(identity)), "[file]");

        assertTrue(opened.equalsConstantTime(plain));
        assertEquals(AgeIdentity.Kind.SSH_RSA, identity.kind());
        assertEquals(key.publicLine().substring(0, key.publicLine().lastIndexOf(' ')), identity.recipient());
    }

    @Test
    void parse_rsa1024Recipient_invalidRecipientSayingTheMinimum() throws Exception {
        SshKeys key = SshKeys.generate(dir.resolve("id_rsa"), "", "rsa", 1024);

        KeyException.InvalidRecipient e = assertThrows(KeyException.InvalidRecipient.class,
                () -> AgeRecipient.parse(key.publicLine()));
        assertTrue(e.getMessage().contains("at least 2048"), e.getMessage());
    }

    @Test
    void parseSsh_ecdsaKey_unsupportedKeyNamingTheType() throws Exception {
        SshKeys key = SshKeys.generate(dir.resolve("id_ecdsa"), "", "ecdsa", 0);

        KeyException.UnsupportedKey e = assertThrows(KeyException.UnsupportedKey.class,
                () -> AgeIdentity.parseSsh(Files.readAllBytes(key.privateKey()), "[id_ecdsa]"));
        assertTrue(e.getMessage().contains("[id_ecdsa] is an SSH key of type [ecdsa-sha2-nistp256]"), e.getMessage());
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
