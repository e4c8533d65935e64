package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.testsupport.Peers;
import dev.secrets.testsupport.Shared;
import dev.secrets.testsupport.SshKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** age ssh-ed25519 identities and recipients against sops' own file and the age CLI. */
class SshEd25519IdentityTest {
    private static final Path VECTOR = Shared.vectors("sops/yaml-sops-nix-3.13.3-ssh-ed25519-recipient");
    private static final String VECTOR_RECIPIENT =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBI1+Q+ntzANebtnicCiAY29uqLGWOaOGLEa8bUqOVmS";

    @TempDir
    Path dir;

    /** The age copy of the data key for the ssh recipient, cut from the YAML text (we do not read YAML). */
    private static WrappedKey vectorCopy() throws Exception {
        List<String> lines = Files.readAllLines(VECTOR.resolve("secrets-native-ssh.yaml"));
        StringBuilder enc = new StringBuilder();
        String recipient = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("- enc: |")) {
                enc.setLength(0);
                for (int j = i + 1; j < lines.size() && !lines.get(j).strip().startsWith("recipient:"); j++) {
                    enc.append(lines.get(j).strip()).append('\n');
                    recipient = lines.get(j + 1).strip();
                }
                if (recipient != null && recipient.startsWith("recipient: ssh-ed25519")) {
                    return new WrappedKey("age", recipient.substring("recipient: ".length()), enc.toString());
                }
            }
        }
        throw new AssertionError("no ssh-ed25519 age entry in the vector");
    }

    private static AgeIdentities identitiesOf(Path keyFile) throws Exception {
        return AgeIdentities.of(List.of(AgeIdentity.parseSsh(Files.readAllBytes(keyFile), "test [" + keyFile + "]")));
    }

    @Test
    void unwrap_sopsNixSshVector_gives32ByteDataKey() throws Exception {
        WrappedKey copy = vectorCopy();
        AgeIdentities identities = identitiesOf(VECTOR.resolve("ssh-ed25519-key"));

        SecretBytes dataKey = identities.unwrap(List.of(copy));
        assertEquals(32, dataKey.length());
        dataKey.destroy();
        assertEquals(VECTOR_RECIPIENT, copy.recipient());
        assertEquals(List.of(VECTOR_RECIPIENT), identities.recipients());
    }

    @Test
    void unwrap_sopsNixSshVectorWithOtherSshKey_throwsNoIdentityMatched() throws Exception {
        SshKeys other = SshKeys.generate(dir.resolve("other"), "");

        assertThrows(KeyException.NoIdentityMatched.class,
                () -> identitiesOf(other.privateKey()).unwrap(List.of(vectorCopy())));
    }

    @Test
    void unwrap_sopsNixSshVectorWithX25519Identity_throwsNoIdentityMatched() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();

        assertThrows(KeyException.NoIdentityMatched.class,
                () -> AgeIdentities.of(List.of(pair.identity())).unwrap(List.of(vectorCopy())));
    }

    @Test
    void unwrap_ageCliEncryptedToSshPublicKey_givesSameBytes() throws Exception {
        SshKeys keys = SshKeys.generate(dir.resolve("id"), "");
        byte[] plain = new byte[32];
        new SecureRandom().nextBytes(plain);

        Peers.Result enc = Peers.age(plain, "-e", "-a", "-R", keys.privateKey() + ".pub");
        assertEquals(0, enc.exitCode(), enc.stderr());
        assertTrue(enc.out().contains("-----BEGIN AGE ENCRYPTED FILE-----"));

        SecretBytes opened = identitiesOf(keys.privateKey())
                .unwrap(List.of(new WrappedKey("age", keys.publicLine(), enc.out())));
        assertArrayEquals(plain, opened.copy());
    }

    @Test
    void wrap_sshRecipientWithComment_ageCliDecryptsIt() throws Exception {
        SshKeys keys = SshKeys.generate(dir.resolve("id"), "");
        byte[] plain = new byte[32];
        new SecureRandom().nextBytes(plain);

        WrappedKey wrapped = new AgeDataKeyWrapper().wrap(" " + keys.publicLine() + " ", SecretBytes.copyOf(plain));
        assertEquals(keys.publicLine(), wrapped.recipient());
        assertTrue(wrapped.enc().contains("-----BEGIN AGE ENCRYPTED FILE-----"));

        Peers.Result dec = Peers.age(wrapped.enc().getBytes(StandardCharsets.US_ASCII), "-d", "-i",
                keys.privateKey().toString());
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertArrayEquals(plain, dec.stdout());
        assertArrayEquals(plain, identitiesOf(keys.privateKey()).unwrap(List.of(wrapped)).copy());
    }

    @Test
    void parseSsh_damagedKey_throwsInvalidIdentityNamingSource() throws Exception {
        byte[] content = Files.readAllBytes(VECTOR.resolve("ssh-ed25519-key"));
        String text = new String(content, StandardCharsets.US_ASCII);
        // Flip one base64 character inside the private section.
        int at = text.length() / 2;
        char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
        String damaged = text.substring(0, at) + flipped + text.substring(at + 1);

        KeyException.InvalidIdentity e = assertThrows(KeyException.InvalidIdentity.class,
                () -> AgeIdentity.parseSsh(damaged.getBytes(StandardCharsets.US_ASCII), "key [damaged]"));

        assertTrue(e.getMessage().contains("key [damaged]"), e.getMessage());
        assertNoKeyMaterial(text, e.getMessage());
    }

    @Test
    void parse_sshRsaAndBrokenSshRecipients_throwInvalidRecipient() {
        KeyException.InvalidRecipient rsa = assertThrows(KeyException.InvalidRecipient.class,
                () -> AgeRecipient.parse("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ"));
        assertTrue(rsa.getMessage().contains("not a usable ssh-rsa public key"), rsa.getMessage());
        KeyException.InvalidRecipient truncated = assertThrows(KeyException.InvalidRecipient.class,
                () -> AgeRecipient.parse(VECTOR_RECIPIENT.substring(0, VECTOR_RECIPIENT.length() - 8)));
        assertTrue(truncated.getMessage().contains("ssh-ed25519"), truncated.getMessage());
    }

    @Test
    void identity_sshKey_recipientMatchesPublicLineWithoutComment() throws Exception {
        SshKeys keys = SshKeys.generate(dir.resolve("id"), "");

        AgeIdentity identity = AgeIdentity.parseSsh(Files.readAllBytes(keys.privateKey()), "k");

        assertTrue(keys.publicLine().startsWith(identity.recipient() + " "), identity.recipient());
        assertFalse(identity.toString().contains("PRIVATE"));
    }

    @Test
    void parse_alteredEd25519Points_acceptedExactlyWhenAgeCliAcceptsThem() throws Exception {
        byte[] wire = java.util.Base64.getDecoder().decode(VECTOR_RECIPIENT.split(" ")[1]);
        int accepted = 0;
        for (int variant = 0; variant < 12; variant++) {
            byte[] altered = wire.clone();
            altered[wire.length - 32] ^= (byte) (variant + 1);
            String recipient = "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(altered);
            Path file = dir.resolve("r" + variant + ".pub");
            Files.writeString(file, recipient + "\n");
            boolean ageAccepts = Peers.age(new byte[32], "-e", "-R", file.toString()).exitCode() == 0;
            boolean weAccept;
            try {
                AgeRecipient.parse(recipient);
                weAccept = true;
            } catch (KeyException.InvalidRecipient e) {
                weAccept = false;
            }
            assertEquals(ageAccepts, weAccept, "variant " + variant);
            accepted += weAccept ? 1 : 0;
        }
        assertTrue(accepted > 0 && accepted < 12, "both valid and invalid points were tried: " + accepted);
    }

    private static void assertNoKeyMaterial(String keyFile, String message) {
        for (String line : keyFile.split("\n")) {
            if (!line.startsWith("-----") && line.length() > 16) {
                for (int i = 0; i + 16 <= line.length(); i += 16) {
                    assertFalse(message.contains(line.substring(i, i + 16)), "key material in: " + message);
                }
            }
        }
    }
}
