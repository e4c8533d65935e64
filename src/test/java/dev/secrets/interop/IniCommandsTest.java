package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.EditFixture;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command on INI files with age keys, through the CLI: encrypt lays the file out as sops 3.13.2 does
 * (aligned {@code =}, encrypted comments, a flattened {@code [sops]} section with {@code \n} escapes); the {@code age}
 * CLI unwraps the data key and the JDK's AES-GCM opens a value under the AAD {@code section:key:}; decrypt, get,
 * set, unset, view, edit, updatekeys and rotate --data-key behave as on YAML. sops-age 4.0.2 has no INI reader
 * (it accepts env, json and yaml only), so it is not a peer here.
 */
class IniCommandsTest {
    private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:(\\w+)\\]");
    private static final String PLAIN = "; owner of this file\n"
            + "[database]\n"
            + "host = db.internal\n"
            + "; rotated monthly\n"
            + "password = correct horse\n"
            + "port = 5432\n"
            + "\n"
            + "[redis]\n"
            + "url = redis://:s3cret@cache:6379/0\n"
            + "token_unencrypted = visible\n";
    private static final String DECRYPTED = "; owner of this file\n"
            + "[database]\n"
            + "host     = db.internal\n"
            + "; rotated monthly\n"
            + "password = correct horse\n"
            + "port     = 5432\n"
            + "\n"
            + "[redis]\n"
            + "url               = redis://:s3cret@cache:6379/0\n"
            + "token_unencrypted = visible\n";

    @TempDir
    Path dir;
    private Keys keys;
    private Cli cli;

    @BeforeEach
    void encrypt() throws Exception {
        keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("app.ini"), PLAIN);
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), "app.ini", "-o", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    @Test
    void encrypt_iniFile_laidOutAsSops() throws Exception {
        String text = Files.readString(dir.resolve("secret.ini"));
        assertFalse(text.contains("correct horse") || text.contains("s3cret") || text.contains("rotated"), text);
        List<String> lines = List.of(text.split("\n", -1));
        assertTrue(lines.get(0).startsWith("; ENC[AES256_GCM,data:") && lines.get(0).endsWith(",type:comment]"), text);
        assertEquals("[database]", lines.get(1));
        assertTrue(lines.get(2).startsWith("host     = ENC[AES256_GCM,"), text);
        assertTrue(lines.get(3).startsWith("; ENC[") && lines.get(4).startsWith("password = ENC["), text);
        assertTrue(text.contains("\ntoken_unencrypted = visible\n\n[sops]\nage__list_0__map_enc       = -----BEGIN AGE "
                + "ENCRYPTED FILE-----\\n"), text);
        assertTrue(text.contains("-----END AGE ENCRYPTED FILE-----\\n\nage__list_0__map_recipient = " + keys.recipient()
                + "\nlastmodified               = "), text);
        assertTrue(text.endsWith("\nunencrypted_suffix         = _unencrypted\nversion                    = 3.13.2\n"), text);
    }

    @Test
    void encrypt_iniFile_ageCliUnwrapsDataKeyJdkOpensValueUnderSectionKeyAad() throws Exception {
        String text = Files.readString(dir.resolve("secret.ini"));
        String enc = line(text, "age__list_0__map_enc").replace("\\n", "\n");
        Peers.Result unwrapped = Peers.age(enc.getBytes(StandardCharsets.US_ASCII), "-d", "-i", keys.file().toString());
        assertEquals(0, unwrapped.exitCode(), unwrapped.stderr());
        byte[] dataKey = unwrapped.stdout();
        assertEquals(32, dataKey.length);
        Matcher m = ENC.matcher(line(text, "password"));
        assertTrue(m.find());
        assertEquals("str", m.group(4));
        assertEquals("correct horse", new String(open(m, dataKey, "database:password:"), StandardCharsets.UTF_8));
    }

    @Test
    void decryptAndView_iniFile_plainTextAsSopsPrintsIt() throws Exception {
        Cli.Run run = cli.run("decrypt", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(DECRYPTED, run.out());
        Cli.Run view = cli.run("view", "secret.ini");
        assertEquals(0, view.exitCode(), view.stderr());
        assertTrue(view.out().contains("password = correct horse\n"), view.out());
        Cli.Run json = cli.run("decrypt", "--output-type", "json", "secret.ini");
        assertEquals(0, json.exitCode(), json.stderr());
        assertTrue(json.out().startsWith("{\n\t\"DEFAULT\": {},\n\t\"database\": {\n\t\t\"host\": \"db.internal\",\n"), json.out());
    }

    @Test
    void getAndExtract_sectionKeyPath_printsValue() throws Exception {
        Cli.Run get = cli.run("get", "secret.ini", "[\"database\"][\"password\"]");
        assertEquals(0, get.exitCode(), get.stderr());
        assertEquals("correct horse", get.out());
        Cli.Run extract = cli.run("decrypt", "--extract", "[\"redis\"][\"url\"]", "secret.ini");
        assertEquals(0, extract.exitCode(), extract.stderr());
        assertEquals("redis://:s3cret@cache:6379/0", extract.out());
    }

    @Test
    void set_oneValue_changesThatLineLastmodifiedAndMacOnly() throws Exception {
        List<String> before = Files.readAllLines(dir.resolve("secret.ini"));
        Thread.sleep(1100);
        Cli.Run run = cli.run("set", "secret.ini", "[\"database\"][\"password\"]", "battery staple");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> after = Files.readAllLines(dir.resolve("secret.ini"));
        assertEquals(before.size(), after.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(after.get(i).split(" ")[0]);
            }
        }
        assertEquals(List.of("password", "lastmodified", "mac"), changed);
        assertEquals("battery staple", cli.run("get", "secret.ini", "[\"database\"][\"password\"]").out());
    }

    @Test
    void setAndUnset_newSectionThenRemoved_roundTrips() throws Exception {
        assertEquals(0, cli.run("set", "secret.ini", "[\"smtp\"][\"password\"]", "mail pass").exitCode());
        String plain = cli.run("decrypt", "secret.ini").out();
        assertTrue(plain.endsWith("token_unencrypted = visible\n\n[smtp]\npassword = mail pass\n"), plain);
        assertEquals(0, cli.run("unset", "secret.ini", "[\"database\"][\"port\"]").exitCode());
        plain = cli.run("decrypt", "secret.ini").out();
        assertFalse(plain.contains("port"), plain);
        assertTrue(plain.contains("host     = db.internal\n; rotated monthly\npassword = correct horse\n\n"), plain);
    }

    @Test
    void set_bareKey_goesToTheDefaultSection() throws Exception {
        assertEquals(0, cli.run("set", "secret.ini", "LOOSE", "value").exitCode());
        assertEquals("value", cli.run("get", "secret.ini", "[\"DEFAULT\"][\"LOOSE\"]").out());
        assertTrue(cli.run("decrypt", "secret.ini").out().startsWith("LOOSE = value\n"));
    }

    @Test
    void set_topLevelValue_refusedExit65FileUntouched() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("secret.ini"));
        Cli.Run run = cli.run("set", "secret.ini", "[\"LOOSE\"]", "value");
        assertEquals(65, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("section"), run.stderr());
        assertFalse(run.stderr().contains("value\n") && run.stderr().contains("=value"), run.stderr());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(dir.resolve("secret.ini")));
    }

    @Test
    void encrypt_nestedYamlToIni_refusedExit65NothingWritten() throws Exception {
        Files.writeString(dir.resolve("nested.yaml"), "db:\n    list:\n        - a\n");
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), "--output-type", "ini", "nested.yaml", "-o", "out.ini");
        assertEquals(65, run.exitCode(), run.stderr());
        assertFalse(Files.exists(dir.resolve("out.ini")));
    }

    @Test
    void decrypt_lineWithoutDelimiter_exit12NamingLineNotContent() throws Exception {
        String text = Files.readString(dir.resolve("secret.ini"));
        Files.writeString(dir.resolve("broken.ini"), text.replace("[redis]\n", "[redis]\nhunter2-no-delimiter\n"));
        Cli.Run run = cli.run("decrypt", "broken.ini");
        assertEquals(12, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("[broken.ini] line 9:"), run.stderr());
        assertFalse(run.stderr().contains("hunter2"), run.stderr());
        assertEquals(0, run.stdout().length);
    }

    @Test
    void rotateDataKey_iniFile_sameDataNewCiphertexts() throws Exception {
        String before = Files.readString(dir.resolve("secret.ini"));
        Cli.Run run = cli.run("rotate", "--data-key", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        String after = Files.readString(dir.resolve("secret.ini"));
        assertNotEquals(line(before, "password"), line(after, "password"));
        assertNotEquals(line(before, "age__list_0__map_enc"), line(after, "age__list_0__map_enc"));
        assertEquals(DECRYPTED, cli.run("decrypt", "secret.ini").out());
    }

    @Test
    void updatekeys_recipientAdded_newRecipientDecryptsIni() throws Exception {
        Keys other = Keys.create(dir.resolve("other.txt"));
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: secret\\.ini\n    age: "
                + keys.recipient() + "," + other.recipient() + "\n");
        Cli.Run run = cli.run("updatekeys", "-y", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        String text = Files.readString(dir.resolve("secret.ini"));
        assertTrue(text.contains("\nage__list_1__map_recipient = " + other.recipient() + "\n"), text);
        Cli.Run asOther = new Cli(dir).env("SOPS_AGE_KEY_FILE", other.file().toString()).run("decrypt", "secret.ini");
        assertEquals(0, asOther.exitCode(), asOther.stderr());
        assertEquals(DECRYPTED, asOther.out());
    }

    @Test
    void edit_iniFile_editorSeesPlainIniAndOneValueChanges() throws Exception {
        EditFixture fx = new EditFixture(dir.resolve("edit"));
        Path file = fx.work.resolve("secret.ini");
        Files.copy(dir.resolve("secret.ini"), file);
        fx.marker("correct horse");
        fx.marker("s3cret");
        Path editor = fx.editor("sed", "grep -q '^; rotated monthly$' \"$1\" || exit 3\n"
                + "sed -i 's|^host     = .*|host     = db2.internal|' \"$1\"");
        List<String> before = Files.readAllLines(file);
        Thread.sleep(1100);
        Cli.Run run = fx.cli(editor).env("SOPS_AGE_KEY_FILE", keys.file().toString()).run("edit", file.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> after = Files.readAllLines(file);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(after.get(i).split(" ")[0]);
            }
        }
        assertEquals(List.of("host", "lastmodified", "mac"), changed);
        fx.assertNoPlaintextLeft();
    }

    private static String line(String text, String key) {
        for (String l : text.split("\n")) {
            if (l.startsWith(key + " ")) {
                return l.substring(l.indexOf(" = ") + 3);
            }
        }
        throw new AssertionError("no line for " + key);
    }

    private static byte[] open(Matcher m, byte[] dataKey, String aad) throws Exception {
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] data = b64.decode(m.group(1));
        byte[] tag = b64.decode(m.group(3));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, b64.decode(m.group(2))));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = new byte[data.length + 16];
        System.arraycopy(data, 0, sealed, 0, data.length);
        System.arraycopy(tag, 0, sealed, data.length, 16);
        return cipher.doFinal(sealed);
    }
}
