package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.BoundedFiles;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
    private static String secretA;
    private static String recipientA;
    private static String secretB;
    private static String recipientB;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        AgeKeyPair a = AgeKeyPair.generate();
        AgeKeyPair b = AgeKeyPair.generate();
        secretA = secretLine(a);
        recipientA = a.recipient();
        secretB = secretLine(b);
        recipientB = b.recipient();
    }

    static String secretLine(AgeKeyPair pair) {
        return new String(pair.keysFile().copy(), StandardCharsets.US_ASCII).lines()
                .filter(line -> line.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();
    }

    @Test
    void parse_commentsEmptyLinesAndCrlf_returnsIdentitiesInOrder() throws Exception {
        String text = "# created: 2024-01-01T00:00:00Z\r\n# public key: " + recipientA + "\r\n" + secretA + "\r\n"
                + "\n#" + "\n" + secretB;

        List<AgeIdentity> identities = IdentityFile.parse(bytes(text), "[keys]");

        assertEquals(List.of(recipientA, recipientB), identities.stream().map(AgeIdentity::recipient).toList());
        assertEquals("[keys]", identities.get(0).source());
    }

    @Test
    void parse_badLine_namesSourceAndLineNumberButNotContent() {
        String broken = secretB.substring(0, secretB.length() - 1) + (secretB.endsWith("Q") ? "P" : "Q");
        String text = "# comment\n" + secretA + "\n" + broken + "\n";

        KeyException.InvalidIdentity e = assertThrows(KeyException.InvalidIdentity.class,
                () -> IdentityFile.parse(bytes(text), "[/home/me/keys.txt]"));

        assertTrue(e.getMessage().startsWith("[/home/me/keys.txt] line 3 "), e.getMessage());
        assertFalse(e.getMessage().contains(broken.substring(16, 40)), e.getMessage());
        assertFalse(e.getMessage().contains(secretA.substring(16, 40)), e.getMessage());
    }

    @Test
    void parse_whitespaceOnlyLineOrTrailingSpace_isRejected() {
        assertThrows(KeyException.InvalidIdentity.class, () -> IdentityFile.parse(bytes(secretA + "\n \n"), "[k]"));
        KeyException.InvalidIdentity e = assertThrows(KeyException.InvalidIdentity.class,
                () -> IdentityFile.parse(bytes(secretA + " \n"), "[k]"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void parse_lowercaseIdentity_isRejected() {
        assertThrows(KeyException.InvalidIdentity.class,
                () -> IdentityFile.parse(bytes(secretA.toLowerCase()), "[k]"));
    }

    @Test
    void parse_passphraseProtectedFileWithoutPrompt_passphraseUnavailableNamingTheFile() throws Exception {
        byte[] keys = AgeFiles.encryptWithPassphrase(SecretBytes.ofUtf8(secretA + "\n"), SecretBytes.ofUtf8("pw"),
                true, 10);
        KeyException.PassphraseUnavailable e = assertThrows(KeyException.PassphraseUnavailable.class,
                () -> IdentityFile.parse(keys, "[keys.age]"));
        assertTrue(e.getMessage().contains("[keys.age] is passphrase-encrypted"), e.getMessage());
    }

    @Test
    void parse_passphraseProtectedFileWithPrompt_givesItsIdentitiesOrWrongPassphrase() throws Exception {
        byte[] keys = AgeFiles.encryptWithPassphrase(SecretBytes.ofUtf8(secretA + "\n"), SecretBytes.ofUtf8("pw"),
                false, 10);
        List<String> asked = new java.util.ArrayList<>();
        try {
            PassphrasePrompt.install(prompt -> {
                asked.add(prompt);
                return java.util.Optional.of(SecretBytes.ofUtf8(asked.size() == 1 ? "pw" : "wrong"));
            });
            List<AgeIdentity> identities = IdentityFile.parse(keys, "[keys.age]");
            assertEquals(1, identities.size());
            assertTrue(asked.get(0).contains("[keys.age]"), asked.toString());
            assertThrows(KeyException.WrongPassphrase.class, () -> IdentityFile.parse(keys, "[keys.age]"));
        } finally {
            PassphrasePrompt.install(PassphrasePrompt.NONE);
        }
    }

    @Test
    void parse_pluginIdentityLine_namesTheLine() {
        KeyException plugin = assertThrows(KeyException.class,
                () -> IdentityFile.parse(bytes("# x\nAGE-PLUGIN-YUBIKEY-1ABCDEF\n"), "[k]"));
        assertTrue(plugin.getMessage().contains("line 2") && plugin.getMessage().contains("plugin"));
    }

    @Test
    void parse_malformedPostQuantumIdentity_invalidIdentityNamingTheLine() {
        KeyException.InvalidIdentity pq = assertThrows(KeyException.InvalidIdentity.class,
                () -> IdentityFile.parse(bytes("AGE-SECRET-KEY-PQ-1ABCDEF\n"), "[k]"));
        assertTrue(pq.getMessage().contains("line 1") && pq.getMessage().contains("post-quantum"), pq.getMessage());
    }

    @Test
    void parse_onlyComments_isRejected() {
        KeyException.InvalidIdentity e = assertThrows(KeyException.InvalidIdentity.class,
                () -> IdentityFile.parse(bytes("# nothing here\n\n"), "[k]"));
        assertTrue(e.getMessage().contains("no identity"), e.getMessage());
    }

    @Test
    void read_missingFile_namesIt() {
        Path missing = dir.resolve("missing.txt");
        KeyException.InvalidIdentity e = assertThrows(KeyException.InvalidIdentity.class,
                () -> IdentityFile.read(missing, "[" + missing + "]"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void read_fileLargerThanBound_isRejected() throws Exception {
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[BoundedFiles.MAX_SMALL_FILE + 1]);
        KeyException.InvalidIdentity e = assertThrows(KeyException.InvalidIdentity.class,
                () -> IdentityFile.read(big, "[big]"));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void toString_identityAndCollection_neverShowSecret() throws Exception {
        List<AgeIdentity> identities = IdentityFile.parse(bytes(secretA), "[k]");
        String shown = identities.get(0) + " " + AgeIdentities.of(identities);
        assertTrue(shown.contains(recipientA));
        assertFalse(shown.toUpperCase().contains(secretA.substring(16)), shown);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
