package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.testsupport.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where SSH identities come from: SOPS_AGE_SSH_PRIVATE_KEY_FILE, else ~/.ssh/id_ed25519 (as sops). */
class SshIdentityDiscoveryTest {
    @TempDir
    Path dir;

    private Path home;
    private final Map<String, String> variables = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        variables.put("PATH", System.getenv("PATH"));
    }

    private Environment env() {
        return new Environment(variables, dir, home);
    }

    private static String recipientOf(SshKeys keys) {
        String[] words = keys.publicLine().split(" ");
        return words[0] + " " + words[1];
    }

    @Test
    void discover_sshKeyFileVariableAlone_loadsIt() throws Exception {
        SshKeys keys = SshKeys.generate(dir.resolve("deploy_key"), "");
        variables.put("SOPS_AGE_SSH_PRIVATE_KEY_FILE", "deploy_key");

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(recipientOf(keys)), found.recipients());
        assertEquals(List.of("SOPS_AGE_SSH_PRIVATE_KEY_FILE [" + dir.resolve("deploy_key") + "] (1 identity)"),
                found.sources());
    }

    @Test
    void discover_defaultSshKeyAlone_loadsIt() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        SshKeys keys = SshKeys.generate(home.resolve(".ssh/id_ed25519"), "");

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(recipientOf(keys)), found.recipients());
        assertTrue(found.sources().get(0).startsWith("default SSH key [" + home.resolve(".ssh/id_ed25519") + "]"));
    }

    @Test
    void discover_sshKeyFileVariableSet_defaultSshKeyNotRead() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        SshKeys.generate(home.resolve(".ssh/id_ed25519"), "");
        SshKeys chosen = SshKeys.generate(dir.resolve("chosen"), "");
        variables.put("SOPS_AGE_SSH_PRIVATE_KEY_FILE", dir.resolve("chosen").toString());

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(recipientOf(chosen)), found.recipients());
    }

    @Test
    void discover_passphraseProtectedDefaultSshKey_loadedLockedAndNotAskedForOtherFiles() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        SshKeys locked = SshKeys.generate(home.resolve(".ssh/id_ed25519"), "secret passphrase");
        AgeKeyPair pair = AgeKeyPair.generate();
        Path keysFile = dir.resolve("keys.txt");
        Files.write(keysFile, pair.keysFile().copy());
        variables.put("SOPS_AGE_KEY_FILE", keysFile.toString());

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(recipientOf(locked), pair.recipient()), found.recipients());
        assertEquals(List.of(), found.loadErrors());
        // A file for the age key opens without asking (no prompt is installed: asking would fail).
        byte[] file = AgeFiles.encrypt(dev.secrets.secret.SecretBytes.ofUtf8("x"), List.of(pair.recipient()), false);
        assertEquals("x", AgeFiles.decrypt(file, found, "[f]").toUtf8());
    }

    @Test
    void decrypt_fileForPassphraseProtectedSshKeyWithoutTerminal_passphraseUnavailableWithoutKeyMaterial()
            throws Exception {
        SshKeys keys = SshKeys.generate(dir.resolve("locked"), "secret passphrase");
        variables.put("SOPS_AGE_SSH_PRIVATE_KEY_FILE", keys.privateKey().toString());
        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());
        byte[] file = AgeFiles.encrypt(dev.secrets.secret.SecretBytes.ofUtf8("x"), List.of(keys.publicLine()), false);

        KeyException.PassphraseUnavailable e = assertThrows(KeyException.PassphraseUnavailable.class,
                () -> AgeFiles.decrypt(file, found, "[f]"));

        String message = e.getMessage();
        assertTrue(message.contains("SOPS_AGE_SSH_PRIVATE_KEY_FILE [" + keys.privateKey() + "] is "
                + "passphrase-protected"), message);
        for (String line : Files.readAllLines(keys.privateKey())) {
            if (!line.startsWith("-----")) {
                assertFalse(message.contains(line), "key material in the message");
            }
        }
    }

    @Test
    void discover_sshKeyAsExplicitIdentity_loadsIt() throws Exception {
        SshKeys keys = SshKeys.generate(dir.resolve("id"), "");

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of(Path.of("id")));

        assertEquals(List.of(recipientOf(keys)), found.recipients());
    }
}
