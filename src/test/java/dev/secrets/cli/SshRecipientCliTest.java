package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Peers;
import dev.secrets.testsupport.SshKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dotenv file encrypted to an X25519 and an ssh-ed25519 recipient opens with either identity. */
class SshRecipientCliTest {
    private static final String PLAIN = "# db\nDB_PASSWORD=s3cret-ssh-value\nPORT=5432\n";

    @TempDir
    Path dir;
    private Keys age;
    private SshKeys ssh;

    @BeforeEach
    void setUp() throws Exception {
        age = Keys.create(dir.resolve("age.txt"));
        ssh = SshKeys.generate(dir.resolve("id_ed25519"), "");
        Files.writeString(dir.resolve("app.env"), PLAIN);
        Cli.Run run = new Cli(dir).run("encrypt", "--age", age.recipient() + "," + ssh.publicLine(), "app.env",
                "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    @Test
    void decrypt_withX25519IdentityOnly_givesPlainFile() {
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", age.file().toString()).run("decrypt", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(PLAIN, run.out());
    }

    @Test
    void decrypt_withSshKeyVariableOnly_givesPlainFile() {
        Cli.Run run = new Cli(dir).env("SOPS_AGE_SSH_PRIVATE_KEY_FILE", ssh.privateKey().toString())
                .run("decrypt", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(PLAIN, run.out());
    }

    @Test
    void decrypt_withDefaultSshKeyInHomeOnly_givesPlainFile() throws Exception {
        // Cli uses its working folder as HOME.
        Files.createDirectories(dir.resolve(".ssh"));
        Files.copy(ssh.privateKey(), dir.resolve(".ssh/id_ed25519"));

        Cli.Run run = new Cli(dir).run("decrypt", "app.env.enc");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(PLAIN, run.out());
    }

    @Test
    void encrypt_sshRecipient_metadataKeepsItAndAgeCliOpensTheDataKey() throws Exception {
        String file = Files.readString(dir.resolve("app.env.enc"));
        assertTrue(file.contains("recipient=" + ssh.publicLine() + "\n"), file);

        // The age copy for the ssh recipient is sops_age__list_1__map_enc (escaped newlines) in the dotenv store.
        Matcher enc = Pattern.compile("sops_age__list_1__map_enc=(.*)").matcher(file);
        assertTrue(enc.find(), file);
        byte[] armored = enc.group(1).replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII);
        Peers.Result dec = Peers.age(armored, "-d", "-i", ssh.privateKey().toString());
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertEquals(32, dec.stdout().length);
    }

    @Test
    void decrypt_withUnrelatedSshKey_failsNamingRecipientsWithoutSecrets() throws Exception {
        SshKeys other = SshKeys.generate(dir.resolve("other"), "");

        Cli.Run run = new Cli(dir).env("SOPS_AGE_SSH_PRIVATE_KEY_FILE", other.privateKey().toString())
                .run("decrypt", "app.env.enc");

        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(ssh.publicLine()), run.stderr());
        assertFalse(run.stderr().contains("s3cret-ssh-value"));
    }
}
