package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgeFilesTest {
    private static AgeKeyPair first;
    private static AgeKeyPair second;
    private static AgeIdentities firstOnly;

    @BeforeAll
    static void keys() throws Exception {
        first = AgeKeyPair.generate();
        second = AgeKeyPair.generate();
        firstOnly = AgeIdentities.of(List.of(first.identity()));
    }

    @Test
    void encrypt_armoredAndBinary_roundTripForEachRecipient() throws Exception {
        byte[] plaintext = random(200_000);
        for (boolean armored : List.of(true, false)) {
            byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(plaintext),
                    List.of(first.recipient(), second.recipient()), armored);
            assertEquals(armored, AgeFiles.isArmored(file));
            for (AgeKeyPair pair : List.of(first, second)) {
                SecretBytes opened = AgeFiles.decrypt(file, AgeIdentities.of(List.of(pair.identity())), "[f]");
                assertTrue(opened.equalsConstantTime(plaintext));
            }
        }
    }

    @Test
    void encrypt_emptyPlaintext_roundTrips() throws Exception {
        byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(new byte[0]), List.of(first.recipient()), true);
        assertEquals(0, AgeFiles.decrypt(file, firstOnly, "[f]").length());
    }

    @Test
    void encrypt_noRecipients_throwsInvalidRecipient() {
        assertThrows(KeyException.InvalidRecipient.class,
                () -> AgeFiles.encrypt(SecretBytes.ofUtf8("x"), List.of(), true));
    }

    @Test
    void decrypt_notARecipient_throwsNoIdentityMatched() throws Exception {
        byte[] file = AgeFiles.encrypt(SecretBytes.ofUtf8("x"), List.of(second.recipient()), false);

        KeyException.NoIdentityMatched e = assertThrows(KeyException.NoIdentityMatched.class,
                () -> AgeFiles.decrypt(file, firstOnly, "[backup.age]"));
        assertTrue(e.getMessage().contains("[backup.age]"), e.getMessage());
    }

    @Test
    void decrypt_everySingleByteFlipped_failsWithoutPlaintext() throws Exception {
        byte[] plaintext = "DB_PASSWORD=correct horse battery staple\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(plaintext), List.of(first.recipient()), false);
        for (int i = 0; i < file.length; i++) {
            byte[] tampered = file.clone();
            tampered[i] ^= 0x01;
            int position = i;
            assertThrows(KeyException.class, () -> AgeFiles.decryptBinary(tampered, firstOnly, "[f]"),
                    "byte " + position);
        }
    }

    @Test
    void decrypt_everyTruncation_fails() throws Exception {
        byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(random(70_000)), List.of(first.recipient()), false);
        for (int length = 0; length < file.length; length += length < 400 ? 1 : 997) {
            byte[] truncated = Arrays.copyOf(file, length);
            int position = length;
            assertThrows(KeyException.class, () -> AgeFiles.decryptBinary(truncated, firstOnly, "[f]"),
                    "length " + position);
        }
    }

    @Test
    void decrypt_passphraseFileWithoutPassphrase_passphraseUnavailable() throws Exception {
        byte[] body = AgeCctvVectorsTest.parse(dev.secrets.testsupport.Shared.vectors("age-cctv").resolve("scrypt")).body();

        KeyException.PassphraseUnavailable e = assertThrows(KeyException.PassphraseUnavailable.class,
                () -> AgeFiles.decrypt(body, firstOnly, "[secret.age]"));
        assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
    }

    @Test
    void decrypt_garbage_throwsWrapFailedWithoutEchoingIt() {
        byte[] garbage = "API_KEY=sk_live_do_not_print\n".getBytes(StandardCharsets.UTF_8);
        KeyException.WrapFailed e = assertThrows(KeyException.WrapFailed.class,
                () -> AgeFiles.decrypt(garbage, firstOnly, "[f]"));
        assertFalse(e.getMessage().contains("sk_live"), e.getMessage());
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
