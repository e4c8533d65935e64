package dev.secrets.cli;

import static dev.secrets.cli.EncryptedFacts.ageDataKey;
import static dev.secrets.cli.EncryptedFacts.ageUnwrap;
import static dev.secrets.cli.EncryptedFacts.groups;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.ShamirSharing;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Metadata;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets rotate FILE --data-key} on real files, checked with our decrypt and with the {@code age} CLI. */
class RotateDataKeyCommandTest {
    private static final String PLAIN = "# credentials below\nDB_PASSWORD=s3cr3t\nTOKEN=same\nOTHER=same\nTOKEN=same\n\n"
            + "# another comment\nEMPTY=\nPORT_unencrypted=5432\n";

    @TempDir
    Path dir;
    private Keys alice;
    private Keys bob;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        alice = Keys.create(dir.resolve("alice.txt"));
        bob = Keys.create(dir.resolve("bob.txt"));
        Files.writeString(dir.resolve("app.env"), PLAIN);
        file = dir.resolve("app.env.enc");
    }

    private void encrypt(String sopsYaml) throws Exception {
        Files.writeString(dir.resolve(".sops.yaml"), sopsYaml);
        Cli.Run run = new Cli(dir).run("encrypt", "app.env", "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    private void encryptForAliceAndBob() throws Exception {
        encrypt("creation_rules:\n  - age: " + alice.recipient() + "," + bob.recipient() + "\n");
    }

    private void encryptShamir() throws Exception {
        encrypt("creation_rules:\n  - shamir_threshold: 2\n    key_groups:\n      - age: [" + alice.recipient()
                + "]\n      - age: [" + bob.recipient() + "]\n");
    }

    private Cli.Run withIdentities(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--identity", alice.file().toString(), "--identity", bob.file().toString()));
        return new Cli(dir).run(all.toArray(String[]::new));
    }

    private Cli.Run decryptWith(Keys... who) {
        List<String> args = new ArrayList<>(List.of("decrypt", "app.env.enc"));
        for (Keys k : who) {
            args.addAll(List.of("--identity", k.file().toString()));
        }
        return new Cli(dir).run(args.toArray(String[]::new));
    }

    private List<String> encs() throws Exception {
        return groups(file).stream().flatMap(List::stream).map(WrappedKey::enc).toList();
    }

    @Test
    void rotateDataKey_everyCiphertextChanges_plaintextIdenticalNewKey() throws Exception {
        encryptForAliceAndBob();
        assertEquals(PLAIN, decryptWith(alice).out());
        List<String> oldValues = EncryptedFacts.valueCiphertexts(file);
        List<String> oldEncs = encs();
        Metadata oldMeta = EncryptedFacts.metadata(file);
        byte[] oldKey = ageDataKey(file, alice.file());

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--identity", alice.file().toString());

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("new data key"), run.stderr());
        List<String> newValues = EncryptedFacts.valueCiphertexts(file);
        assertEquals(6, oldValues.size(), "2 comments and 4 values (empty values stay empty, as in sops)");
        assertEquals(oldValues.size(), newValues.size());
        for (int i = 0; i < oldValues.size(); i++) {
            assertNotEquals(oldValues.get(i), newValues.get(i), "ciphertext " + i + " must change");
        }
        assertEquals(newValues.size(), newValues.stream().distinct().count(), "fresh IVs: no two ciphertexts alike");
        List<String> newEncs = encs();
        assertEquals(oldEncs.size(), newEncs.size());
        for (String enc : newEncs) {
            assertFalse(oldEncs.contains(enc), "every enc is new");
        }
        assertTrue(EncryptedFacts.dataLines(file).contains("PORT_unencrypted=5432"));
        Metadata newMeta = EncryptedFacts.metadata(file);
        assertNotEquals(oldMeta.mac(), newMeta.mac());
        assertEquals(oldMeta.version(), newMeta.version());
        assertEquals(oldMeta.cryptRule(), newMeta.cryptRule());
        assertEquals(oldMeta.recipients(), newMeta.recipients());
        assertEquals(PLAIN, decryptWith(alice).out());
        assertEquals(PLAIN, decryptWith(bob).out());
        byte[] aliceKey = ageDataKey(file, alice.file());
        assertFalse(Arrays.equals(oldKey, aliceKey), "the age CLI unwraps a different data key");
        assertArrayEquals(aliceKey, ageDataKey(file, bob.file()), "both recipients hold the same new key");
    }

    @Test
    void rotateDataKey_shamirTwoGroups_keptAndNeedsBothIdentities() throws Exception {
        encryptShamir();
        assertEquals(PLAIN, withIdentities("decrypt", "app.env.enc").out());
        byte[] oldKey = shamirKeyViaAge();

        Cli.Run run = withIdentities("rotate", "app.env.enc", "--data-key");

        assertEquals(0, run.exitCode(), run.stderr());
        Metadata metadata = EncryptedFacts.metadata(file);
        assertEquals(2, metadata.keyGroups().size());
        assertEquals(2, metadata.shamirThreshold());
        assertEquals(List.of(List.of(alice.recipient()), List.of(bob.recipient())),
                metadata.keyGroups().stream().map(g -> g.stream().map(WrappedKey::recipient).toList()).toList());
        assertEquals(PLAIN, decryptWith(alice, bob).out());
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), decryptWith(alice).exitCode());
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), decryptWith(bob).exitCode());
        byte[] newKey = shamirKeyViaAge();
        assertEquals(32, newKey.length);
        assertFalse(Arrays.equals(oldKey, newKey), "a new data key behind the shares");
    }

    /** Unwraps each group's share with the age CLI and combines them. */
    private byte[] shamirKeyViaAge() throws Exception {
        List<List<WrappedKey>> groups = groups(file);
        byte[] first = ageUnwrap(groups.get(0).get(0), alice.file());
        byte[] second = ageUnwrap(groups.get(1).get(0), bob.file());
        assertNotNull(first);
        assertNotNull(second);
        SecretBytes key = ShamirSharing.combine(List.of(SecretBytes.adopt(first), SecretBytes.adopt(second)));
        try {
            return key.copy();
        } finally {
            key.destroy();
        }
    }

    @Test
    void rotateDataKey_removeBobAddCarol_bobLosesAccessCarolGains() throws Exception {
        encryptForAliceAndBob();
        Keys carol = Keys.create(dir.resolve("carol.txt"));
        byte[] oldKey = ageDataKey(file, bob.file());

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--rm-age", bob.recipient(),
                "--add-age", carol.recipient(), "--identity", bob.file().toString());

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("- " + bob.recipient()) && run.stderr().contains("+ " + carol.recipient()),
                run.stderr());
        assertEquals(List.of(alice.recipient(), carol.recipient()), EncryptedFacts.recipients(file));
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), decryptWith(bob).exitCode());
        for (List<WrappedKey> group : groups(file)) {
            for (WrappedKey key : group) {
                assertNull(ageUnwrap(key, bob.file()), "the removed identity opens no copy");
            }
        }
        assertEquals(PLAIN, decryptWith(carol).out());
        assertEquals(PLAIN, decryptWith(alice).out());
        assertFalse(Arrays.equals(oldKey, ageDataKey(file, carol.file())));
    }

    @Test
    void rotateDataKey_removeUnknownRecipient_exit92Untouched() throws Exception {
        encryptForAliceAndBob();
        Keys stranger = Keys.create(dir.resolve("stranger.txt"));
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--rm-age", stranger.recipient(),
                "--identity", alice.file().toString());

        assertEquals(ExitCode.RECIPIENT_NOT_FOUND.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(stranger.recipient()), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void rotateDataKey_removeLastRecipient_exit60Untouched() throws Exception {
        encrypt("creation_rules:\n  - age: " + alice.recipient() + "\n");
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--rm-age", alice.recipient(),
                "--identity", alice.file().toString());

        assertEquals(ExitCode.NO_RECIPIENTS.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void rotateDataKey_invalidAddedRecipient_exit26Untouched() throws Exception {
        encryptForAliceAndBob();
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--add-age", "age1notakey",
                "--identity", alice.file().toString());

        assertEquals(ExitCode.INVALID_RECIPIENT.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void rotateDataKey_tamperedValue_refusedNothingWritten() throws Exception {
        encryptForAliceAndBob();
        List<String> values = EncryptedFacts.valueCiphertexts(file);
        String text = Files.readString(file);
        // Swap the ciphertexts of two keys: each is authentic, but bound to the other key's name.
        String swapped = text.replace(values.get(1), "@@").replace(values.get(2), values.get(1)).replace("@@", values.get(2));
        Files.writeString(file, swapped);
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--identity", alice.file().toString());

        assertEquals(ExitCode.VALUE_TAMPERED.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void rotateDataKey_tamperedMac_exit51NothingWritten() throws Exception {
        encryptForAliceAndBob();
        String time = EncryptedFacts.metadataLine(file, "lastmodified");
        Files.writeString(file, Files.readString(file).replace(time, time.replace("20", "19")));
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--identity", alice.file().toString());

        assertEquals(ExitCode.MAC_MISMATCH.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void rotateDataKey_foreignMasterKeys_exit65Untouched() throws Exception {
        encryptForAliceAndBob();
        Files.writeString(file, Files.readString(file) + "sops_kms__list_0__map_arn=arn:aws:kms:eu-west-1:1:key/x\n");
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--data-key", "--identity", alice.file().toString());

        assertEquals(ExitCode.UNSUPPORTED.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void rotate_withoutDataKey_exit64() throws Exception {
        encryptForAliceAndBob();
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = new Cli(dir).run("rotate", "app.env.enc", "--add-age", alice.recipient());

        assertEquals(ExitCode.USAGE.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("--data-key"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }
}
