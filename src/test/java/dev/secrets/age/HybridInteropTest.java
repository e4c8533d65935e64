package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Post-quantum hybrid (mlkem768x25519) interop both ways with typage, age's own TypeScript implementation (the
 * Debian {@code age} 1.1.1 predates post-quantum recipients, so it cannot be the peer here).
 */
class HybridInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void generateHybrid_recipient_isTheOneTypageDerives() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generateHybrid();
        String identity = identityLine(pair);

        Peers.Result derived = Peers.typage("recipient", new byte[0], "AGE_PEER_IDENTITY", identity);

        assertEquals(0, derived.exitCode(), derived.stderr());
        assertEquals(pair.recipient(), derived.out().strip());
        assertTrue(pair.recipient().startsWith("age1pq1") && identity.startsWith("AGE-SECRET-KEY-PQ-1"));
    }

    @Test
    void encrypt_toHybridRecipient_typageDecryptsSameBytes() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generateHybrid();
        byte[] plain = random(70_000);

        byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(plain), List.of(pair.recipient()), false);
        Peers.Result opened = Peers.typage("decrypt", file, "AGE_PEER_IDENTITY", identityLine(pair));

        assertEquals(0, opened.exitCode(), opened.stderr());
        assertTrue(java.util.Arrays.equals(plain, opened.stdout()), "typage decrypted other bytes");
        assertTrue(new String(file, 0, 200, StandardCharsets.US_ASCII).contains("-> mlkem768x25519 "));
    }

    @Test
    void decrypt_typageFileToOurHybridKey_returnsPlaintext() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generateHybrid();
        byte[] plain = random(1000);
        Peers.Result sealed = Peers.typage("encrypt", plain, "AGE_PEER_RECIPIENT", pair.recipient());
        assertEquals(0, sealed.exitCode(), sealed.stderr());

        SecretBytes opened = AgeFiles.decrypt(sealed.stdout(), AgeIdentities.of(List.of(pair.identity())), "[typage]");

        assertTrue(opened.equalsConstantTime(plain));
    }

    @Test
    void decrypt_typageIdentityAndFile_opensWithParsedIdentity() throws Exception {
        Peers.Result generated = Peers.typage("keygen-pq", new byte[0], null, null);
        assertEquals(0, generated.exitCode(), generated.stderr());
        String[] lines = generated.out().split("\n");
        AgeIdentity identity = IdentityFile.parseLine(lines[0].toCharArray(), "typage identity", "typage");
        assertEquals(lines[1], identity.recipient());
        byte[] plain = random(64);
        Peers.Result sealed = Peers.typage("encrypt", plain, "AGE_PEER_RECIPIENT", lines[1]);

        SecretBytes opened = AgeFiles.decrypt(sealed.stdout(), AgeIdentities.of(List.of(identity)), "[typage]");

        assertTrue(opened.equalsConstantTime(plain));
    }

    @Test
    void decrypt_hybridFileWithOtherHybridKey_noIdentityMatched() throws Exception {
        AgeKeyPair owner = AgeKeyPair.generateHybrid();
        AgeKeyPair other = AgeKeyPair.generateHybrid();
        byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(random(10)), List.of(owner.recipient()), true);

        assertThrows(KeyException.NoIdentityMatched.class,
                () -> AgeFiles.decrypt(file, AgeIdentities.of(List.of(other.identity())), "[file]"));
    }

    @Test
    void parse_truncatedHybridRecipient_invalidRecipientWithoutEchoingAll() {
        String recipient;
        try {
            recipient = AgeKeyPair.generateHybrid().recipient();
        } catch (KeyException e) {
            throw new AssertionError(e);
        }
        KeyException.InvalidRecipient e = assertThrows(KeyException.InvalidRecipient.class,
                () -> AgeRecipient.parse(recipient.substring(0, recipient.length() - 10)));
        assertTrue(e.getMessage().contains("post-quantum"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "message too long: " + e.getMessage().length());
    }

    private static String identityLine(AgeKeyPair pair) {
        String file = pair.keysFile().toUtf8();
        return file.lines().filter(l -> l.startsWith("AGE-SECRET-KEY-PQ-1")).findFirst().orElseThrow();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
