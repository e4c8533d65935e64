package dev.secrets.cli;

import static dev.secrets.cli.EncryptedFacts.ageDataKey;
import static dev.secrets.cli.EncryptedFacts.ageUnwrap;
import static dev.secrets.cli.EncryptedFacts.groups;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.WrappedKey;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets updatekeys} on real files, checked with our decrypt and with the {@code age} CLI. */
class UpdateKeysCommandTest {
    private static final String PLAIN = "# database\nDB_PASSWORD=s3cr3t-db\nAPI_KEY=k-123\nAPI_KEY=k-123\n"
            + "PORT_unencrypted=5432\n";

    @TempDir
    Path dir;
    private Keys alice;
    private Keys bob;
    private Keys carol;
    private Path file;

    @BeforeEach
    void setUp() throws Exception {
        alice = Keys.create(dir.resolve("alice.txt"));
        bob = Keys.create(dir.resolve("bob.txt"));
        carol = Keys.create(dir.resolve("carol.txt"));
        Files.writeString(dir.resolve("app.env"), PLAIN);
        file = encryptFor(alice, bob);
    }

    private void config(Keys... recipients) throws Exception {
        String list = String.join(",", Arrays.stream(recipients).map(Keys::recipient).toList());
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: app\\.env\n    age: " + list + "\n");
    }

    private Path encryptFor(Keys... recipients) throws Exception {
        config(recipients);
        Cli.Run run = new Cli(dir).run("encrypt", "app.env", "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        return dir.resolve("app.env.enc");
    }

    private static Cli.Run as(Path dir, Keys who, String... args) {
        return new Cli(dir).env("SOPS_AGE_KEY_FILE", who.file().toString()).run(args);
    }

    private String decryptAs(Keys who) {
        Cli.Run run = as(dir, who, "decrypt", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out();
    }

    private void assertCannotDecrypt(Keys who) throws Exception {
        Cli.Run run = as(dir, who, "decrypt", "app.env.enc");
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), run.stderr());
        for (List<WrappedKey> group : groups(file)) {
            for (WrappedKey key : group) {
                assertNull(ageUnwrap(key, who.file()), "age unwrapped a copy with a removed identity");
            }
        }
    }

    @Test
    void updatekeys_recipientRemoved_removedLosesAccessAndDataKeyRotated() throws Exception {
        byte[] oldKey = ageDataKey(file, bob.file());
        List<String> oldCiphertexts = EncryptedFacts.valueCiphertexts(file);
        config(alice);

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("- " + bob.recipient()), run.stderr());
        assertTrue(run.stderr().contains("with a new data key"), run.stderr());
        assertEquals(List.of(alice.recipient()), EncryptedFacts.recipients(file));
        assertCannotDecrypt(bob);
        assertEquals(PLAIN, decryptAs(alice));
        byte[] newKey = ageDataKey(file, alice.file());
        assertFalse(Arrays.equals(oldKey, newKey), "the data key must change when a recipient is removed");
        List<String> newCiphertexts = EncryptedFacts.valueCiphertexts(file);
        assertEquals(oldCiphertexts.size(), newCiphertexts.size());
        for (int i = 0; i < oldCiphertexts.size(); i++) {
            assertNotEquals(oldCiphertexts.get(i), newCiphertexts.get(i), "value " + i + " re-encrypted");
        }
    }

    @Test
    void updatekeys_recipientRemovedKeepDataKey_sameKeyValuesUntouched() throws Exception {
        byte[] oldKey = ageDataKey(file, alice.file());
        List<String> oldData = EncryptedFacts.dataLines(file);
        String oldMac = EncryptedFacts.metadataLine(file, "mac");
        String oldTime = EncryptedFacts.metadataLine(file, "lastmodified");
        config(alice);

        Cli.Run run = as(dir, alice, "updatekeys", "--yes", "--keep-data-key", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("data key kept"), run.stderr());
        assertArrayEquals(oldKey, ageDataKey(file, alice.file()), "the same data key, re-wrapped");
        assertEquals(oldData, EncryptedFacts.dataLines(file), "values byte-identical");
        assertEquals(oldMac, EncryptedFacts.metadataLine(file, "mac"));
        assertEquals(oldTime, EncryptedFacts.metadataLine(file, "lastmodified"));
        assertCannotDecrypt(bob);
        assertEquals(PLAIN, decryptAs(alice));
    }

    @Test
    void updatekeys_recipientAdded_newRecipientDecryptsSameKey() throws Exception {
        byte[] oldKey = ageDataKey(file, alice.file());
        config(alice, bob, carol);

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("+ " + carol.recipient()), run.stderr());
        assertEquals(PLAIN, decryptAs(carol));
        assertEquals(PLAIN, decryptAs(bob));
        assertArrayEquals(oldKey, ageDataKey(file, carol.file()), "adding only re-wraps the same data key");
    }

    @Test
    void updatekeys_noChange_byteIdenticalAndUpToDate() throws Exception {
        byte[] before = Files.readAllBytes(file);
        config(bob, alice); // same recipients, another order

        Cli.Run run = new Cli(dir).run("updatekeys", "app.env.enc"); // no identity needed, nothing asked

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("already up to date"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void updatekeys_declined_untouchedExit85() throws Exception {
        byte[] before = Files.readAllBytes(file);
        config(alice);

        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", alice.file().toString())
                .stdin("n\n".getBytes(StandardCharsets.UTF_8)).run("updatekeys", "app.env.enc");

        assertEquals(ExitCode.NOT_CONFIRMED.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("- " + bob.recipient()), "the change is shown: " + run.stderr());
        assertTrue(run.stderr().contains("[y/N]"), run.stderr());
        assertTrue(run.stderr().contains("not confirmed"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void updatekeys_noAnswer_untouchedExit85() throws Exception {
        byte[] before = Files.readAllBytes(file);
        config(alice);

        Cli.Run run = as(dir, alice, "updatekeys", "app.env.enc"); // empty stdin: end of input is a no

        assertEquals(ExitCode.NOT_CONFIRMED.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void updatekeys_confirmedOnStdin_applied() throws Exception {
        config(alice);

        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", alice.file().toString())
                .stdin("yes\n".getBytes(StandardCharsets.UTF_8)).run("updatekeys", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(alice.recipient()), EncryptedFacts.recipients(file));
    }

    @Test
    void updatekeys_noConfig_exit61Untouched() throws Exception {
        byte[] before = Files.readAllBytes(file);
        Files.delete(dir.resolve(".sops.yaml"));

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc");

        assertEquals(ExitCode.CONFIG_NOT_FOUND.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(".sops.yaml"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void updatekeys_explicitConfigMissing_exit61() throws Exception {
        Cli.Run run = as(dir, alice, "updatekeys", "-y", "--config", "nowhere.yaml", "app.env.enc");

        assertEquals(ExitCode.CONFIG_NOT_FOUND.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("nowhere.yaml"), run.stderr());
    }

    @Test
    void updatekeys_noMatchingRule_exit63Untouched() throws Exception {
        byte[] before = Files.readAllBytes(file);
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: ^prod/\n    age: "
                + alice.recipient() + "\n");

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc");

        assertEquals(ExitCode.NO_MATCHING_RULE.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void updatekeys_tamperedFile_exit51NothingWritten() throws Exception {
        String text = Files.readString(file);
        String time = EncryptedFacts.metadataLine(file, "lastmodified");
        Files.writeString(file, text.replace(time, time.replace("20", "19")));
        byte[] before = Files.readAllBytes(file);
        config(alice);

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc");

        assertEquals(ExitCode.MAC_MISMATCH.code(), run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void updatekeys_severalFilesOneMissing_othersUpdatedFirstErrorCode() throws Exception {
        Files.copy(file, dir.resolve("app.env.enc2"));
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: app\\.env\n    age: "
                + alice.recipient() + "\n");

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc", "missing.env.enc", "app.env.enc2");

        assertEquals(ExitCode.FILE_NOT_FOUND.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("missing.env.enc"), run.stderr());
        assertEquals(List.of(alice.recipient()), EncryptedFacts.recipients(file));
        assertEquals(List.of(alice.recipient()), EncryptedFacts.recipients(dir.resolve("app.env.enc2")));
    }

    @Test
    void updatekeys_foreignKeyRuleNoLongerNames_removedWithNewDataKey() throws Exception {
        Files.writeString(file, Files.readString(file) + "sops_pgp__list_0__map_fp=ABCDEF0123456789\n");
        config(alice);

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("- pgp ABCDEF0123456789") && run.stderr().contains("data key: NEW"), run.stderr());
        assertTrue(!Files.readString(file).contains("sops_pgp"), Files.readString(file));
        assertTrue(!run.stderr().contains("revoke-report pgp"), run.stderr());
    }

    @Test
    void updatekeys_foreignKeyKeptRecipientRemoved_exit65UnlessKeepDataKey() throws Exception {
        Files.writeString(file, Files.readString(file) + "sops_pgp__list_0__map_fp=ABCDEF0123456789\n");
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - age: " + bob.recipient()
                + "\n    pgp: ABCDEF0123456789\n");
        byte[] before = Files.readAllBytes(file);

        Cli.Run run = as(dir, alice, "updatekeys", "-y", "app.env.enc");

        assertEquals(ExitCode.UNSUPPORTED.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("removing " + alice.recipient()) && run.stderr().contains("pgp ABCDEF0123456789")
                && run.stderr().contains("--keep-data-key"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));

        Cli.Run kept = as(dir, alice, "updatekeys", "-y", "--keep-data-key", "app.env.enc");
        assertEquals(0, kept.exitCode(), kept.stderr());
        assertEquals(List.of(bob.recipient()), EncryptedFacts.recipients(file));
        assertTrue(Files.readString(file).contains("sops_pgp__list_0__map_fp=ABCDEF0123456789\n"));
    }
}
