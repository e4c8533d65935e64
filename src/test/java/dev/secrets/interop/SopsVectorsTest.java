package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dotenv case of the shared sops vectors (real files written by sops, with their published keys) decrypts
 * to its {@code expected.txt} byte for byte, with the MAC verified; identities are tried through each discovery
 * route sops supports.
 */
class SopsVectorsTest {
    @TempDir
    Path home;

    @TestFactory
    Stream<DynamicTest> decrypt_sopsWrittenDotenvFile_matchesExpectedBytes() throws IOException {
        List<Path> cases = dotenvCases();
        assertFalse(cases.isEmpty(), "no dotenv vectors found");
        return cases.stream().flatMap(dir -> Stream.of(
                DynamicTest.dynamicTest(dir.getFileName() + " via --identity", () -> check(dir, "identity")),
                DynamicTest.dynamicTest(dir.getFileName() + " via SOPS_AGE_KEY_FILE", () -> check(dir, "file")),
                DynamicTest.dynamicTest(dir.getFileName() + " via SOPS_AGE_KEY", () -> check(dir, "env")),
                DynamicTest.dynamicTest(dir.getFileName() + " via keys.txt", () -> check(dir, "default"))));
    }

    @TestFactory
    Stream<DynamicTest> decrypt_sopsWrittenDotenvFile_extractsEachValue() throws IOException {
        return dotenvCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            Path identity = dir.resolve(c.get("identities").get(0).asText());
            for (String line : Files.readAllLines(dir.resolve(c.get("expected").asText()))) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String key = line.substring(0, line.indexOf('='));
                String value = line.substring(line.indexOf('=') + 1).replace("\\n", "\n");
                Cli.Run run = new Cli(home).run("decrypt", "--identity", identity.toString(), "--extract", key,
                        dir.resolve(c.get("encrypted").asText()).toString());
                assertEquals(0, run.exitCode(), run.stderr());
                assertEquals(value, run.out(), "value of " + key);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> render_sopsWrittenDotenvFile_printsWhatSopsDecryptPrints() throws IOException {
        return dotenvCases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            JsonNode c = caseOf(dir);
            Cli.Run run = new Cli(home).run("render", "--identity",
                    dir.resolve(c.get("identities").get(0).asText()).toString(),
                    dir.resolve(c.get("encrypted").asText()).toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertArrayEquals(Files.readAllBytes(dir.resolve(c.get("expected").asText())), run.stdout());
        }));
    }

    private void check(Path dir, String route) throws IOException {
        JsonNode c = caseOf(dir);
        assertEquals("ok", c.get("outcome").asText());
        Path encrypted = dir.resolve(c.get("encrypted").asText());
        Path identity = dir.resolve(c.get("identities").get(0).asText());
        Cli cli = new Cli(home);
        Cli.Run run;
        switch (route) {
            case "identity":
                run = cli.run("decrypt", "--identity", identity.toString(), encrypted.toString());
                break;
            case "file":
                run = cli.env("SOPS_AGE_KEY_FILE", identity.toString()).run("decrypt", encrypted.toString());
                break;
            case "env":
                run = cli.env("SOPS_AGE_KEY", Files.readString(identity)).run("decrypt", encrypted.toString());
                break;
            default:
                Path keys = home.resolve(".config/sops/age/keys.txt");
                Files.createDirectories(keys.getParent());
                Files.copy(identity, keys, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                run = cli.run("decrypt", encrypted.toString());
        }
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().isEmpty(), "no warning expected: " + run.stderr());
        assertArrayEquals(Files.readAllBytes(dir.resolve(c.get("expected").asText())), run.stdout());
    }

    static List<Path> dotenvCases() throws IOException {
        try (Stream<Path> dirs = Files.list(Shared.vectors("sops"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("case.json")))
                    .filter(d -> {
                        try {
                            return "dotenv".equals(caseOf(d).get("format").asText());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).sorted().toList();
        }
    }

    static JsonNode caseOf(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("case.json").toFile());
    }
}
