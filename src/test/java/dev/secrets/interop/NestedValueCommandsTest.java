package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get}, {@code set}, {@code unset} and {@code view} on sops-written YAML and JSON files, with sops's path
 * syntax: a change rewrites only the changed value's line plus {@code lastmodified} and {@code mac}, and the
 * metadata keeps the layout the older sops release gave it.
 */
class NestedValueCommandsTest {
    @TempDir
    Path dir;

    private Cli cli(Path vector, String identity) {
        return new Cli(dir).env("SOPS_AGE_KEY_FILE", vector.resolve(identity).toString());
    }

    private Path copy(Path vector, String name) throws Exception {
        Path target = dir.resolve(name);
        Files.copy(vector.resolve(name), target);
        return target;
    }

    @Test
    void setNestedYamlValue_sops381File_changesThatLineLastmodifiedAndMacOnly() throws Exception {
        Path vector = Shared.vectors("sops").resolve("yaml-sops-age-3.8.1-typed-values");
        Path file = copy(vector, "secret.enc.yaml");
        List<String> before = Files.readAllLines(file);
        Cli.Run run = cli(vector, "key.txt").run("set", file.toString(), "[\"complex\"][\"value\"]", "changed");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> after = Files.readAllLines(file);
        assertEquals(before.size(), after.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(after.get(i).strip().split(":")[0]);
            }
        }
        assertEquals(List.of("value", "lastmodified", "mac"), changed);
        Cli.Run get = cli(vector, "key.txt").run("get", file.toString(), "[\"complex\"][\"value\"]");
        assertEquals(0, get.exitCode(), get.stderr());
        assertEquals("changed", get.out());
    }

    @Test
    void unsetListElement_yaml_removesItAndKeepsTheRest() throws Exception {
        Path vector = Shared.vectors("sops").resolve("yaml-sops-age-3.8.1-typed-values");
        Path file = copy(vector, "secret.enc.yaml");
        assertEquals(0, cli(vector, "key.txt").run("unset", file.toString(), "[\"complex\"][\"array\"][1]").exitCode());
        Cli.Run view = cli(vector, "key.txt").run("view", file.toString());
        assertEquals(0, view.exitCode(), view.stderr());
        assertTrue(view.out().contains("    array:\n        - one\n        - three\n"), view.out());
        Cli.Run missing = cli(vector, "key.txt").run("unset", file.toString(), "[\"complex\"][\"nope\"]");
        assertEquals(90, missing.exitCode(), missing.stderr());
    }

    @Test
    void setNewNestedKey_json392File_keepsIndentAndNullPlaceholders() throws Exception {
        Path vector = Shared.vectors("sops").resolve("json-sops-age-3.9.2-typed-values");
        Path file = copy(vector, "secret.enc.json");
        Cli.Run run = cli(vector, "key.txt").run("set", file.toString(), "[\"complex\"][\"added\"][\"deep\"]", "v");
        assertEquals(0, run.exitCode(), run.stderr());
        String text = Files.readString(file);
        assertTrue(text.contains("\n    \"added\": {\n      \"deep\": \"ENC[AES256_GCM,"), text);
        assertTrue(text.contains("\n    \"kms\": null,\n"), text);
        assertTrue(text.contains("\"version\": \"3.9.2\"\n  }\n}\n"), text);
        Cli.Run extract = cli(vector, "key.txt").run("decrypt", "--extract", "[\"complex\"][\"added\"][\"deep\"]",
                file.toString());
        assertEquals("v", extract.out());
        Cli.Run all = cli(vector, "key.txt").run("decrypt", "--extract", "[\"complex\"][\"added\"]", file.toString());
        assertEquals("{\n\t\"deep\": \"v\"\n}\n", all.out());
    }

    @Test
    void getNestedMapping_yaml_refusedPointingToExtract() throws Exception {
        Path vector = Shared.vectors("sops").resolve("yaml-sops-age-3.8.1-typed-values");
        Path file = copy(vector, "secret.enc.yaml");
        Cli.Run run = cli(vector, "key.txt").run("get", file.toString(), "[\"complex\"]");
        assertEquals(65, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("--extract"), run.stderr());
        Cli.Run render = cli(vector, "key.txt").run("render", file.toString());
        assertEquals(65, render.exitCode(), render.stderr());
        assertTrue(render.stderr().contains("[complex]"), render.stderr());
    }

    @Test
    void rotateDataKey_sopsYamlFile_sameDataNewCiphertexts() throws Exception {
        Path vector = Shared.vectors("sops").resolve("yaml-flux-3.9.0-encrypted-regex");
        Path file = copy(vector, "age.yaml");
        String before = Files.readString(file);
        String plainBefore = cli(vector, "age.txt").run("decrypt", file.toString()).out();
        Cli.Run run = cli(vector, "age.txt").run("rotate", "--data-key", file.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        String after = Files.readString(file);
        assertTrue(!after.equals(before) && after.contains("apiVersion: v1\nkind: Secret\n"), after);
        assertEquals(plainBefore, cli(vector, "age.txt").run("decrypt", file.toString()).out());
    }

    @Test
    void rotateDataKey_fileWithPgpKeys_refusedAndUntouched() throws Exception {
        Path vector = Shared.vectors("sops").resolve("yaml-sops-nix-3.13.3-ssh-ed25519-recipient");
        Path file = copy(vector, "secrets-native-ssh.yaml");
        byte[] before = Files.readAllBytes(file);
        Cli.Run run = new Cli(dir).run("rotate", "--data-key", "--identity", vector.resolve("ssh-ed25519-key").toString(),
                file.toString());
        assertEquals(65, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("pgp"), run.stderr());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void encryptBinary_anyBytes_envelopeDecryptsToSameBytes() throws Exception {
        Path key = dir.resolve("key.txt");
        assertEquals(0, dev.secrets.testsupport.Peers.ageKeygen("-o", key.toString()).exitCode());
        String recipient = dev.secrets.testsupport.Peers.ageKeygen("-y", key.toString()).out().trim();
        byte[] content = new byte[300];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7);
        }
        Files.write(dir.resolve("cert.pem"), content);
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", key.toString());
        Cli.Run enc = cli.run("encrypt", "--age", recipient, "--input-type", "binary", "cert.pem", "-o", "cert.pem.enc");
        assertEquals(0, enc.exitCode(), enc.stderr());
        String text = Files.readString(dir.resolve("cert.pem.enc"));
        assertTrue(text.startsWith("{\n\t\"data\": \"ENC[AES256_GCM,data:"), text);
        assertTrue(text.contains("\n\t\"sops\": {\n"), text);
        Cli.Run dec = cli.run("decrypt", "cert.pem.enc");
        assertEquals(0, dec.exitCode(), dec.stderr());
        org.junit.jupiter.api.Assertions.assertArrayEquals(content, dec.stdout());
    }

    @Test
    void changedUnencryptedValue_macCoversItUnlessMacOnlyEncrypted() throws Exception {
        Path key = dir.resolve("key.txt");
        assertEquals(0, dev.secrets.testsupport.Peers.ageKeygen("-o", key.toString()).exitCode());
        String recipient = dev.secrets.testsupport.Peers.ageKeygen("-y", key.toString()).out().trim();
        Files.writeString(dir.resolve("s.yaml"), "kind: Secret\nstringData:\n    password: hunter2\n");
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", key.toString());
        for (boolean macOnly : new boolean[] {false, true}) {
            String out = macOnly ? "mac-only.yaml" : "all.yaml";
            List<String> args = new ArrayList<>(List.of("encrypt", "--age", recipient, "--encrypted-regex",
                    "^stringData$", "s.yaml", "-o", out));
            if (macOnly) {
                args.add("--mac-only-encrypted");
            }
            assertEquals(0, cli.run(args.toArray(String[]::new)).exitCode());
            Path file = dir.resolve(out);
            String text = Files.readString(file);
            assertTrue(text.startsWith("kind: Secret\nstringData:\n    password: ENC[AES256_GCM,"), text);
            Files.writeString(file, text.replace("kind: Secret", "kind: ConfigMap"));
            Cli.Run run = cli.run("decrypt", file.toString());
            assertEquals(macOnly ? 0 : 51, run.exitCode(), out + ": " + run.stderr());
        }
    }
}
