package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.secrets.app.Keyring;
import dev.secrets.app.OpenedFile;
import dev.secrets.app.SecretsFiles;
import dev.secrets.io.Environment;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.TreeCipher;
import dev.secrets.sops.ValueCipher;
import dev.secrets.sops.LastModified;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Shared;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML and JSON case of the shared sops vectors (real files written by sops 3.8 to 3.13) decrypts through
 * the CLI to its {@code expected.json} with the MAC verified; every leaf comes out of {@code --extract} with a sops
 * path; a wrong key and a changed value fail as for dotenv; and re-encrypting the decrypted tree under the same
 * data key and IVs reproduces the file byte for byte.
 */
class NestedSopsVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TestFactory
    Stream<DynamicTest> decrypt_sopsWrittenYamlOrJson_matchesExpectedData() throws IOException {
        List<Path> cases = nestedCases();
        assertFalse(cases.isEmpty(), "no yaml/json vectors found");
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            Cli.Run run = new Cli(home).run("decrypt", "--identity", identity(dir, c).toString(), encrypted(dir, c).toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().isEmpty(), "no warning expected: " + run.stderr());
            JsonNode actual = "json".equals(c.get("format").asText()) ? JSON.readTree(run.stdout())
                    : new YAMLMapper().readTree(run.stdout());
            assertEquals(JSON.readTree(dir.resolve(c.get("expected").asText()).toFile()), actual);
        }));
    }

    @TestFactory
    Stream<DynamicTest> decryptExtract_everyLeafByPath_printsExpectedValue() throws IOException {
        return nestedCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            JsonNode expected = JSON.readTree(dir.resolve(c.get("expected").asText()).toFile());
            checkLeaves(dir, c, expected, "");
        }));
    }

    private void checkLeaves(Path dir, JsonNode c, JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkLeaves(dir, c, e.getValue(), path + "[\"" + e.getKey() + "\"]");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkLeaves(dir, c, node.get(i), path + "[" + i + "]");
            }
        } else {
            Cli.Run run = new Cli(home).run("decrypt", "--identity", identity(dir, c).toString(), "--extract", path,
                    encrypted(dir, c).toString());
            assertEquals(0, run.exitCode(), path + ": " + run.stderr());
            String printed = run.out().strip();
            assertEquals(node.isTextual() ? node.asText() : node.toString(), node.isTextual() ? run.out() : printed, path);
        }
    }

    @TestFactory
    Stream<DynamicTest> decrypt_wrongKey_exits128() throws IOException {
        Path other = home.resolve("other.txt");
        Files.writeString(other, "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n");
        return nestedCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            Cli.Run run = new Cli(home).run("decrypt", "--identity", other.toString(), encrypted(dir, c).toString());
            assertEquals(128, run.exitCode(), run.stderr());
            assertEquals(0, run.stdout().length);
        }));
    }

    @TestFactory
    Stream<DynamicTest> decrypt_valuesSwapped_failsAuthentication() throws IOException {
        return nestedCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            String text = Files.readString(encrypted(dir, c));
            int first = text.indexOf("ENC[AES256_GCM,data:");
            int second = text.indexOf("ENC[AES256_GCM,data:", first + 1);
            String a = text.substring(first, text.indexOf(']', first) + 1);
            String b = text.substring(second, text.indexOf(']', second) + 1);
            Path copy = home.resolve(encrypted(dir, c).getFileName());
            Files.writeString(copy, text.substring(0, first) + b + text.substring(first + a.length(), second) + a
                    + text.substring(second + b.length()));
            Cli.Run run = new Cli(home).run("decrypt", "--identity", identity(dir, c).toString(), copy.toString());
            assertTrue(run.exitCode() == 51 || run.exitCode() == 25 || run.exitCode() != 0, run.stderr());
            assertFalse(run.exitCode() == 0, "a moved ciphertext must not decrypt");
            assertEquals(0, run.stdout().length);
        }));
    }

    @TestFactory
    Stream<DynamicTest> decrypt_macChanged_exits51() throws IOException {
        return nestedCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            String text = Files.readString(encrypted(dir, c));
            String lm = c.get("lastmodified").asText();
            String changed = text.replace(lm, lm.substring(0, lm.length() - 2) + (lm.endsWith("0Z") ? "1Z" : "0Z"));
            assertFalse(changed.equals(text));
            Path copy = home.resolve(encrypted(dir, c).getFileName());
            Files.writeString(copy, changed);
            Cli.Run run = new Cli(home).run("decrypt", "--identity", identity(dir, c).toString(), copy.toString());
            assertEquals(51, run.exitCode(), run.stderr());
            assertEquals(0, run.stdout().length);
        }));
    }

    @TestFactory
    Stream<DynamicTest> reencrypt_sameDataKeyAndIvs_reproducesFileByteForByte() throws IOException {
        return nestedCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            byte[] file = Files.readAllBytes(encrypted(dir, c));
            Environment env = new Environment(Map.of(), home, home);
            try (Keyring keyring = new Keyring(env, List.of(identity(dir, c)));
                    OpenedFile opened = SecretsFiles.open(file, encrypted(dir, c).toString(), keyring, true)) {
                Metadata metadata = opened.stored().metadata();
                TreeCipher.Encrypted again = TreeCipher.encrypt(opened.plain(), metadata.cryptRule(),
                        metadata.macOnlyEncrypted(), opened.dataKey(), opened.stash(),
                        Instant.parse(metadata.lastModified()));
                // The MAC's own IV is random on every write; what must agree is the MAC it encrypts.
                byte[] aad = LastModified.macAad(metadata.lastModified()).getBytes(StandardCharsets.US_ASCII);
                ValueCipher cipher = new ValueCipher(opened.dataKey());
                assertEquals(cipher.decrypt(metadata.mac(), aad, "mac").value().text(),
                        cipher.decrypt(again.mac(), aad, "mac").value().text());
                byte[] written = opened.store().writeEncrypted(again.tree(), metadata, opened.stored());
                assertEquals(new String(file, StandardCharsets.UTF_8), new String(written, StandardCharsets.UTF_8));
                assertArrayEquals(file, written);
            }
        }));
    }

    private static Path identity(Path dir, JsonNode c) {
        return dir.resolve(c.get("identities").get(0).asText());
    }

    private static Path encrypted(Path dir, JsonNode c) {
        return dir.resolve(c.get("encrypted").asText());
    }

    static JsonNode caseOf(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("case.json").toFile());
    }

    static List<Path> nestedCases() throws IOException {
        try (Stream<Path> dirs = Files.list(Shared.vectors("sops"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("case.json"))).sorted()
                    .filter(d -> {
                        try {
                            String format = caseOf(d).get("format").asText();
                            return format.equals("yaml") || format.equals("json");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
    }
}
