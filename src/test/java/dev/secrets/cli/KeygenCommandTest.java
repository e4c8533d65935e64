package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets keygen}: age-keygen's format, accepted by the age tools both ways; never overwrites. */
class KeygenCommandTest {
    private static final Pattern PUBLIC = Pattern.compile("Public key: (age1[0-9a-z]{58})");
    private static final Pattern FILE = Pattern.compile("# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
            + "(Z|[+-]\\d\\d:\\d\\d)\n# public key: (age1[0-9a-z]{58})\nAGE-SECRET-KEY-1[0-9A-Z]{58}\n");

    @TempDir
    Path dir;

    private static String recipient(Cli.Run run) {
        Matcher m = PUBLIC.matcher(run.stderr());
        assertTrue(m.find(), run.stderr());
        return m.group(1);
    }

    @Test
    void keygen_output_ageKeygenFormatMode0600AcceptedByAgeTools() throws Exception {
        Cli.Run run = new Cli(dir).run("keygen", "-o", "id.txt");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(0, run.stdout().length, "the identity goes to the file only");
        String recipient = recipient(run);
        Path id = dir.resolve("id.txt");
        String text = Files.readString(id);
        Matcher m = FILE.matcher(text);
        assertTrue(m.matches(), "age-keygen format");
        assertEquals(recipient, m.group(2));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(id)));

        Peers.Result y = Peers.ageKeygen("-y", id.toString());
        assertEquals(0, y.exitCode(), y.stderr());
        assertEquals(recipient, y.out().trim());
        Peers.Result encrypted = Peers.age("hello".getBytes(StandardCharsets.UTF_8), "-r", recipient);
        Peers.Result decrypted = Peers.age(encrypted.stdout(), "-d", "-i", id.toString());
        assertEquals(0, decrypted.exitCode(), decrypted.stderr());
        assertEquals("hello", decrypted.out());
    }

    @Test
    void keygen_existingOutput_refusedUntouched() throws Exception {
        Path id = dir.resolve("id.txt");
        Files.writeString(id, "precious\n");
        Cli.Run run = new Cli(dir).run("keygen", "-o", "id.txt");
        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("never overwrites"), run.stderr());
        assertEquals("precious\n", Files.readString(id));
    }

    @Test
    void keygen_default_createsThenAppendsKeepingOldIdentities() throws Exception {
        Path keys = dir.resolve(".config/sops/age/keys.txt");
        Cli.Run first = new Cli(dir).run("keygen");
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stderr().contains("wrote a new identity to [" + keys + "]"), first.stderr());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent())));
        byte[] old = Files.readAllBytes(keys);
        Cli.Run second = new Cli(dir).run("keygen");
        assertEquals(0, second.exitCode(), second.stderr());
        assertTrue(second.stderr().contains("appended"), second.stderr());
        byte[] now = Files.readAllBytes(keys);
        assertArrayEquals(old, java.util.Arrays.copyOf(now, old.length), "old identity kept byte for byte");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        Cli.Run y = new Cli(dir).run("keygen", "-y", keys.toString());
        assertEquals(recipient(first) + "\n" + recipient(second) + "\n", y.out());
        Peers.Result ageY = Peers.ageKeygen("-y", keys.toString());
        assertEquals(y.out(), ageY.out());
    }

    @Test
    void keygen_defaultKeys_usedByEncryptDecryptWithoutFlags() throws Exception {
        Cli cli = new Cli(dir);
        String recipient = recipient(cli.run("keygen"));
        Cli.Run enc = cli.stdin("A=secret\n".getBytes(StandardCharsets.UTF_8)).run("encrypt", "--age", recipient, "-");
        assertEquals(0, enc.exitCode(), enc.stderr());
        Cli.Run dec = cli.stdin(enc.stdout()).run("decrypt", "-", "--extract", "A");
        assertEquals("secret", dec.out(), dec.stderr());
    }

    @Test
    void keygen_stdout_printsIdentity() {
        Cli.Run run = new Cli(dir).run("keygen", "-o", "-");
        assertEquals(0, run.exitCode(), run.stderr());
        Matcher m = FILE.matcher(run.out());
        assertTrue(m.matches(), run.out());
        assertEquals(recipient(run), m.group(2));
    }

    @Test
    void keygenY_ageKeygenIdentity_sameRecipientAndWorksWithSecrets() throws Exception {
        Path id = dir.resolve("age.txt");
        assertEquals(0, Peers.ageKeygen("-o", id.toString()).exitCode());
        String recipient = Peers.ageKeygen("-y", id.toString()).out().trim();
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", id.toString());
        assertEquals(recipient + "\n", cli.run("keygen", "-y", "age.txt").out());
        assertEquals(recipient + "\n", cli.stdin(Files.readAllBytes(id)).run("keygen", "-y").out());
        Cli.Run enc = cli.stdin("TOKEN=t0k\n".getBytes(StandardCharsets.UTF_8))
                .run("encrypt", "--age", recipient, "-", "-o", "app.env");
        assertEquals(0, enc.exitCode(), enc.stderr());
        assertEquals("t0k", cli.run("get", "app.env", "TOKEN").out());
    }

    @Test
    void keygenY_malformed_exit27() throws Exception {
        Files.writeString(dir.resolve("bad.txt"), "AGE-SECRET-KEY-1NOTAKEY\n");
        Cli.Run run = new Cli(dir).run("keygen", "-y", "bad.txt");
        assertEquals(27, run.exitCode(), run.stderr());
        assertEquals(List.of(), List.of(run.out().split("\n")).stream().filter(s -> !s.isEmpty()).toList());
    }
}
