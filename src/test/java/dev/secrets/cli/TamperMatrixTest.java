package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Systematic tampering with our own output: every byte of each ENC part (data, iv, tag) of a value and of the
 * comment, every byte of the MAC, and structural edits (reorder, drop, duplicate, rename keys, change
 * {@code sops_lastmodified}, drop recipients). Each fails with its own exit code and writes nothing.
 */
class TamperMatrixTest {
    private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:([a-z]+)\\]");

    @TempDir
    Path dir;
    private Cli cli;
    private String original;
    private Keys keys;
    private Keys other;

    @BeforeEach
    void encrypt() throws Exception {
        keys = Keys.create(dir.resolve("key.txt"));
        other = Keys.create(dir.resolve("other.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("app.env"), "# ops comment\nDB_PASSWORD=correct horse\nAPI_KEY=abc123\nPORT=8080\n");
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient() + "," + other.recipient(), "app.env", "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        original = Files.readString(dir.resolve("app.env.enc"));
        assertEquals(0, decrypt(original).exitCode());
    }

    private Cli.Run decrypt(String content) throws Exception {
        Files.writeString(dir.resolve("tampered.enc"), content);
        Files.deleteIfExists(dir.resolve("out.env"));
        Cli.Run run = cli.run("decrypt", "tampered.enc", "-o", "out.env");
        if (run.exitCode() != 0) {
            assertFalse(Files.exists(dir.resolve("out.env")), "nothing written on failure");
        }
        return run;
    }

    @TestFactory
    Stream<DynamicTest> everyByteOfEveryEncPart_failsWithItsCode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : original.split("\n")) {
            String name = line.startsWith("#") ? "comment" : line.substring(0, line.indexOf('='));
            if (!line.contains("ENC[") || name.equals("sops_age__list_0__map_enc")) {
                continue;
            }
            boolean isMac = name.equals("sops_mac");
            boolean isComment = name.equals("comment");
            ExitCode expected = isMac ? ExitCode.MAC_MISMATCH : ExitCode.VALUE_TAMPERED;
            for (int part = 1; part <= 3; part++) {
                final int p = part;
                tests.add(DynamicTest.dynamicTest(name + " part " + part, () -> {
                    Matcher m = ENC.matcher(line);
                    org.junit.jupiter.api.Assertions.assertTrue(m.find());
                    byte[] bytes = Base64.getDecoder().decode(m.group(p));
                    for (int i = 0; i < bytes.length; i++) {
                        byte[] copy = bytes.clone();
                        copy[i] ^= (byte) (1 << (i % 8));
                        String tamperedLine = line.substring(0, m.start(p)) + Base64.getEncoder().encodeToString(copy)
                                + line.substring(m.end(p));
                        Cli.Run run = decrypt(original.replace(line, tamperedLine));
                        if (isComment) {
                            // sops keeps an undecryptable comment as stored (with a warning); comments are not in the MAC.
                            assertEquals(0, run.exitCode(), run.stderr());
                            org.junit.jupiter.api.Assertions.assertTrue(run.stderr().contains("comment 1"), run.stderr());
                        } else {
                            assertEquals(expected.code(), run.exitCode(), name + " part " + p + " byte " + i + ": " + run.stderr());
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    private void expect(ExitCode code, UnaryOperator<String> edit) throws Exception {
        String tampered = edit.apply(original);
        org.junit.jupiter.api.Assertions.assertNotEquals(original, tampered, "the edit changed something");
        Cli.Run run = decrypt(tampered);
        assertEquals(code.code(), run.exitCode(), run.stderr());
    }

    private String line(String key) {
        return original.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow();
    }

    @Test
    void reorderTwoKeys_macMismatch() throws Exception {
        String a = line("DB_PASSWORD");
        String b = line("API_KEY");
        expect(ExitCode.MAC_MISMATCH, s -> s.replace(a + "\n" + b, b + "\n" + a));
    }

    @Test
    void dropKey_macMismatch() throws Exception {
        expect(ExitCode.MAC_MISMATCH, s -> s.replace(line("API_KEY") + "\n", ""));
    }

    @Test
    void duplicateKey_macMismatch() throws Exception {
        expect(ExitCode.MAC_MISMATCH, s -> s.replace(line("PORT") + "\n", line("PORT") + "\n" + line("PORT") + "\n"));
    }

    @Test
    void renameKey_valueTampered() throws Exception {
        expect(ExitCode.VALUE_TAMPERED, s -> s.replace("API_KEY=", "API_KEX="));
    }

    @Test
    void moveValueToOtherKey_valueTampered() throws Exception {
        String value = line("API_KEY").substring("API_KEY=".length());
        expect(ExitCode.VALUE_TAMPERED, s -> s.replace(line("PORT"), "PORT=" + value));
    }

    @Test
    void changeLastModified_macMismatch() throws Exception {
        String lm = line("sops_lastmodified");
        String changed = lm.substring(0, lm.length() - 2) + (lm.charAt(lm.length() - 2) == '0' ? "1" : "0") + "Z";
        expect(ExitCode.MAC_MISMATCH, s -> s.replace(lm, changed));
    }

    @Test
    void replaceMacWithOtherFilesMac_macMismatch() throws Exception {
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), "app.env");
        String otherMac = new String(run.stdout()).lines().filter(l -> l.startsWith("sops_mac=")).findFirst().orElseThrow();
        expect(ExitCode.MAC_MISMATCH, s -> s.replace(line("sops_mac"), otherMac));
    }

    @Test
    void dropMac_macMismatch() throws Exception {
        expect(ExitCode.MAC_MISMATCH, s -> s.replace(line("sops_mac") + "\n", ""));
    }

    @Test
    void dropTheRecipientWeHold_couldNotRetrieveKey() throws Exception {
        expect(ExitCode.COULD_NOT_RETRIEVE_KEY, s -> s
                .replace(line("sops_age__list_0__map_enc") + "\n", "")
                .replace(line("sops_age__list_0__map_recipient") + "\n", "")
                .replace("sops_age__list_1__", "sops_age__list_0__"));
    }

    @Test
    void dropHalfARecipientEntry_invalidMetadata() throws Exception {
        expect(ExitCode.INVALID_METADATA, s -> s.replace(line("sops_age__list_1__map_enc") + "\n", ""));
    }

    @Test
    void corruptWrappedDataKey_couldNotRetrieveKey() throws Exception {
        String enc = line("sops_age__list_0__map_enc");
        int at = enc.indexOf("\\n", 60) + 10;
        String changed = enc.substring(0, at) + (enc.charAt(at) == 'A' ? 'B' : 'A') + enc.substring(at + 1);
        expect(ExitCode.COULD_NOT_RETRIEVE_KEY, s -> s.replace(enc, changed));
    }
}
