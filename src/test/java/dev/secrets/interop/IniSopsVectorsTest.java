package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.LastModified;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeCipher;
import dev.secrets.sops.ValueCipher;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INI files written by real sops (3.5.0, 3.13.1, 3.13.2; from sops's own repository, pgp-wrapped to the test key
 * sops publishes): the gpg CLI unwraps the data key, then secrets' INI store and tree cipher decrypt them with the
 * MAC verified to what sops's functional tests expect, and re-encrypting with the same data key and IVs
 * reproduces sops's bytes.
 */
class IniSopsVectorsTest {
    private static final SopsStore INI = ini();

    @TempDir
    Path home;
    private Path gnupg;

    private static SopsStore ini() {
        try {
            return SopsStores.named("ini");
        } catch (SopsException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void importTestKey() throws Exception {
        Programs.require("gpg", "apt-get install gnupg");
        gnupg = Files.createDirectory(home.resolve("gnupg"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Programs.Output imported = gpg("--import", Shared.extra("sops-ini").resolve("sops_functional_tests_key.asc").toString());
        assertEquals(0, imported.exitCode(), imported.text());
    }

    /** gpg starts an agent for the home folder; it must not outlive the test. */
    @AfterEach
    void stopAgent() throws Exception {
        Programs.run(List.of("gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent"), home, Map.of(), List.of());
    }

    @Test
    void decrypt_sops3132File_macVerifiedAndValuesAsSopsFunctionalTest() throws Exception {
        assertEquals("[foo]\nbar = baz\n", decrypted("format.enc.ini"));
    }

    @Test
    void decrypt_sops3131FileWithTripleQuotedMetadata_macVerifiedAndValuesAsSopsFunctionalTest() throws Exception {
        assertEquals("[foo]\nbar = baz\n", decrypted("format-2.enc.ini"));
    }

    @Test
    void decrypt_sops350ExampleWithEncryptedComment_macVerifiedAndPlainTextAsExpected() throws Exception {
        assertEquals(Files.readString(Shared.extra("sops-ini").resolve("example.expected.ini")), decrypted("example.ini"));
    }

    @Test
    void reencrypt_sops3132File_sameDataKeyAndIvs_reproducesFileByteForByte() throws Exception {
        byte[] file = read("format.enc.ini");
        assertArrayEquals(file, reencrypted(file));
    }

    @Test
    void reencrypt_sops350Example_dataByteForByte_metadataSameEntriesInSopsSortedOrder() throws Exception {
        String file = new String(read("example.ini"), StandardCharsets.UTF_8);
        String written = new String(reencrypted(file.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        int split = file.indexOf("[sops]\n");
        assertEquals(file.substring(0, split), written.substring(0, written.indexOf("[sops]\n")));
        List<String> stored = Arrays.asList(file.substring(split).split("\n"));
        List<String> rewritten = Arrays.asList(written.substring(written.indexOf("[sops]\n")).split("\n"));
        assertEquals(stored.stream().sorted().toList(), rewritten.stream().sorted().toList());
        assertEquals(rewritten.subList(1, rewritten.size()).stream().sorted().toList(), rewritten.subList(1, rewritten.size()));
    }

    @Test
    void decrypt_lastmodifiedChanged_macMismatch() throws Exception {
        String file = new String(read("format.enc.ini"), StandardCharsets.UTF_8);
        byte[] changed = file.replace("2026-05-22T20:15:58Z", "2026-05-22T20:15:59Z").getBytes(StandardCharsets.UTF_8);
        SopsDocument doc = INI.readEncrypted(changed, "format.enc.ini");
        SecretBytes dataKey = dataKey(doc.metadata());
        try {
            assertThrows(SopsException.MacMismatch.class, () -> TreeCipher.decrypt(doc.tree(), doc.metadata(), dataKey, true));
        } finally {
            dataKey.destroy();
        }
    }

    private String decrypted(String name) throws Exception {
        SopsDocument doc = INI.readEncrypted(read(name), name);
        SecretBytes dataKey = dataKey(doc.metadata());
        try {
            TreeCipher.Decrypted plain = TreeCipher.decrypt(doc.tree(), doc.metadata(), dataKey, true);
            assertTrue(plain.warnings().isEmpty(), plain.warnings().toString());
            return new String(INI.emitPlain(plain.tree()), StandardCharsets.UTF_8);
        } finally {
            dataKey.destroy();
        }
    }

    private byte[] reencrypted(byte[] file) throws Exception {
        SopsDocument doc = INI.readEncrypted(file, "vector");
        Metadata metadata = doc.metadata();
        SecretBytes dataKey = dataKey(metadata);
        try {
            TreeCipher.Decrypted plain = TreeCipher.decrypt(doc.tree(), metadata, dataKey, true);
            TreeCipher.Encrypted again = TreeCipher.encrypt(plain.tree(), metadata.cryptRule(), metadata.macOnlyEncrypted(),
                    dataKey, plain.stash(), Instant.parse(metadata.lastModified()));
            // The MAC's own IV is random on every write; what must agree is the MAC it encrypts.
            byte[] aad = LastModified.macAad(metadata.lastModified()).getBytes(StandardCharsets.US_ASCII);
            ValueCipher cipher = new ValueCipher(dataKey);
            assertEquals(cipher.decrypt(metadata.mac(), aad, "mac").value().text(),
                    cipher.decrypt(again.mac(), aad, "mac").value().text());
            return INI.writeEncrypted(again.tree(), metadata, doc);
        } finally {
            dataKey.destroy();
        }
    }

    /** The data key, unwrapped from the first pgp entry by the gpg CLI with sops's published test key. */
    private SecretBytes dataKey(Metadata metadata) throws Exception {
        Path message = home.resolve("key.asc");
        Path out = home.resolve("key.bin");
        Files.deleteIfExists(out);
        Files.writeString(message, metadata.otherEntries().get("pgp__list_0__map_enc"));
        Programs.Output run = gpg("--output", out.toString(), "--decrypt", message.toString());
        assertEquals(0, run.exitCode(), run.text());
        byte[] key = Files.readAllBytes(out);
        Files.delete(out);
        assertEquals(32, key.length);
        return SecretBytes.adopt(key);
    }

    private Programs.Output gpg(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--batch", "--quiet", "--homedir", gnupg.toString()));
        command.addAll(List.of(args));
        return Programs.run(command, home, Map.of(), List.of());
    }

    private static byte[] read(String name) throws Exception {
        return Files.readAllBytes(Shared.extra("sops-ini").resolve(name));
    }
}
