package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.testsupport.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scrypt passphrase files both ways with the real {@code age} CLI, its passphrase prompt driven through tmux. */
class ScryptInteropTest {
    private static final String PASSPHRASE = "tr0ub4dor & 3";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private Tmux terminal;

    @BeforeEach
    void open() {
        terminal = Tmux.open(dir, "age");
    }

    @AfterEach
    void close() throws Exception {
        terminal.close();
    }

    @Test
    void encryptWithPassphrase_ours_ageCliDecryptsSameBytes() throws Exception {
        byte[] plain = random(100_000);
        Files.write(dir.resolve("file.age"), AgeFiles.encryptWithPassphrase(SecretBytes.copyOf(plain),
                SecretBytes.ofUtf8(PASSPHRASE), true));

        terminal.start(dir, Map.of(), "age", "-d", "-o", "out.bin", "file.age");
        terminal.awaitScreen("Enter passphrase");
        terminal.type(PASSPHRASE);
        terminal.keys("Enter");

        assertEquals("0", terminal.awaitExit(), terminal.screen());
        assertArrayEquals(plain, Files.readAllBytes(dir.resolve("out.bin")));
    }

    @Test
    void decrypt_ageCliPassphraseFile_opensWithPassphraseAndRefusesAnother() throws Exception {
        byte[] plain = random(5000);
        Files.write(dir.resolve("plain.bin"), plain);
        terminal.start(dir, Map.of(), "age", "-p", "-o", "file.age", "plain.bin");
        terminal.answer("Enter passphrase", PASSPHRASE);
        terminal.answer("Confirm passphrase", PASSPHRASE);
        assertEquals("0", terminal.awaitExit(), terminal.screen());
        byte[] file = Files.readAllBytes(dir.resolve("file.age"));
        assertEquals(List.of("scrypt"), AgeDecryption.stanzaTypes(file));

        SecretBytes opened = AgeFiles.decrypt(file, AgeIdentities.of(List.of(
                AgeIdentity.passphrase(SecretBytes.ofUtf8(PASSPHRASE), "test"))), "[file.age]");

        assertTrue(opened.equalsConstantTime(plain));
        assertThrows(KeyException.WrongPassphrase.class, () -> AgeFiles.decrypt(file, AgeIdentities.of(List.of(
                AgeIdentity.passphrase(SecretBytes.ofUtf8("wrong"), "test"))), "[file.age]"));
        assertThrows(KeyException.PassphraseUnavailable.class, () -> AgeFiles.decrypt(file,
                AgeIdentities.of(List.of(AgeKeyPair.generate().identity())), "[file.age]"));
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
