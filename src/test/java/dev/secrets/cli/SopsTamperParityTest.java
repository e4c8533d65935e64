package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edits sops itself refuses or accepts (checked against the sops 3.13 source): a {@code type:} tag that its
 * plaintext cannot be (sops converts with Go's strconv after decrypting, exit 25), a {@code sops_version} that is
 * not a semantic version (sops compares it with blang/semver before decrypting; exit 13 here, 1 in sops), and a
 * recipient line removed while its {@code enc} stays (sops never reads the recipient to decrypt).
 */
class SopsTamperParityTest {
    @TempDir
    Path dir;
    private Cli cli;
    private String original;

    @BeforeEach
    void encrypt() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("app.env"), "DB_HOST=db.example.com\nFLAG=maybe\nRATIO=abc\nPORT=5432\n");
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.enc.env");
        assertEquals(0, run.exitCode(), run.stderr());
        original = Files.readString(dir.resolve("app.enc.env"));
    }

    private Cli.Run decrypt(String content) throws Exception {
        Files.writeString(dir.resolve("tampered.env"), content);
        Files.deleteIfExists(dir.resolve("out.env"));
        return cli.run("decrypt", "tampered.env", "-o", "out.env");
    }

    private String retagged(String key, String type) {
        String line = original.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow();
        return original.replace(line, line.replace("type:str]", "type:" + type + "]"));
    }

    private String withVersion(String version) {
        return original.replaceFirst("(?m)^sops_version=.*$", "sops_version=" + version);
    }

    @ParameterizedTest
    @CsvSource({"DB_HOST,int,db.example.com", "FLAG,bool,maybe", "RATIO,float,abc", "PORT,bool,5432",
            "DB_HOST,time,db.example.com", "PORT,unknown,5432"})
    void decrypt_typeTagNotMatchingPlaintext_exit25NamingFileAndKeyNotValue(String key, String type, String value)
            throws Exception {
        Cli.Run run = decrypt(retagged(key, type));
        assertEquals(ExitCode.VALUE_TAMPERED.code(), run.exitCode(), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().contains("[tampered.env]") && run.stderr().contains("[" + key + "]")
                && run.stderr().contains("type:" + type), run.stderr());
        assertFalse(run.stderr().contains(value), run.stderr());
        assertEquals(0, run.stdout().length);
        assertFalse(Files.exists(dir.resolve("out.env")), "nothing written");
    }

    @Test
    void decrypt_typeTagTheValueCanBe_acceptedAsSopsDoes() throws Exception {
        Files.writeString(dir.resolve("tampered.env"), retagged("PORT", "int"));
        Cli.Run run = cli.run("get", "tampered.env", "PORT");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("5432", run.out());
    }

    @Test
    void set_onFileWithMismatchedTag_refusedFileUntouched() throws Exception {
        String tampered = retagged("DB_HOST", "int");
        Files.writeString(dir.resolve("tampered.env"), tampered);
        Cli.Run run = cli.run("set", "tampered.env", "OTHER", "x");
        assertEquals(ExitCode.VALUE_TAMPERED.code(), run.exitCode(), run.stderr());
        assertFalse(run.stderr().contains("db.example.com"), run.stderr());
        assertEquals(tampered, Files.readString(dir.resolve("tampered.env")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.8", "3", "x3.8.1", "03.8.1", "3.08.1", "3.8.01", "3.8.1.2", " 3.8.1", "3.8.1 ",
            "3.8.1-", "3.8.1-rc..1", "3.8.1-01", "3.8.1+", "3.8.1+a_b", "vv3.8.1", "3.8.x", "latest"})
    void decrypt_nonSemverVersion_exit13NamingFile(String version) throws Exception {
        Cli.Run run = decrypt(withVersion(version));
        assertEquals(ExitCode.INVALID_METADATA.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("[tampered.env]") && run.stderr().contains("sops_version"), run.stderr());
        assertFalse(run.stderr().contains("db.example.com"), run.stderr());
        assertFalse(Files.exists(dir.resolve("out.env")), "nothing written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.7.1", "v3.8.1", "3.9.0-rc.1", "3.9.0-rc.1+build.5", "0.0.0", "1.x", "1.0"})
    void decrypt_versionSopsAccepts_opens(String version) throws Exception {
        Cli.Run run = decrypt(withVersion(version));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("DB_HOST=db.example.com\nFLAG=maybe\nRATIO=abc\nPORT=5432\n", Files.readString(dir.resolve("out.env")));
    }

    @Test
    void recipientLineRemoved_encStays_opensAndEditsAsSopsDoes() throws Exception {
        String withoutRecipient = original.replaceFirst("(?m)^sops_age__list_0__map_recipient=.*\n", "");
        Cli.Run run = decrypt(withoutRecipient);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr());
        assertEquals("DB_HOST=db.example.com\nFLAG=maybe\nRATIO=abc\nPORT=5432\n", Files.readString(dir.resolve("out.env")));

        run = cli.run("set", "tampered.env", "NEW", "value");
        assertEquals(0, run.exitCode(), run.stderr());
        run = cli.run("get", "tampered.env", "NEW");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("value", run.out());
    }

    @Test
    void rotateDataKey_recipientLineRemoved_exit26SaysWhatToDo() throws Exception {
        String withoutRecipient = original.replaceFirst("(?m)^sops_age__list_0__map_recipient=.*\n", "");
        Files.writeString(dir.resolve("tampered.env"), withoutRecipient);
        Cli.Run run = cli.run("rotate", "--data-key", "tampered.env");
        assertEquals(ExitCode.INVALID_RECIPIENT.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("[tampered.env]") && run.stderr().contains("recipient entry is missing")
                && run.stderr().contains("updatekeys"), run.stderr());
        assertEquals(withoutRecipient, Files.readString(dir.resolve("tampered.env")));
    }
}
