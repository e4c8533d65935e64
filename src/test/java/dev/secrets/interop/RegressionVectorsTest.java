package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.cli.ExitCode;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the project's own vectors in {@code test-vectors/} (made by {@code test-vectors/generate.sh}): each
 * decrypts to its {@code expected.txt} with every identity set that should open it, is refused (exit 128) by
 * those that should not, and single-group cases are opened by the sops-age peer to the same values.
 */
class RegressionVectorsTest {
    private static final Path ROOT = Path.of("test-vectors");

    @TempDir
    Path home;

    @TestFactory
    Stream<DynamicTest> vectors_replay() throws IOException {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(ROOT)) {
            cases = dirs.filter(d -> Files.isRegularFile(d.resolve("case.json"))).sorted().toList();
        }
        assertFalse(cases.size() < 8, "vectors missing: " + cases);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> replay(dir)));
    }

    private void replay(Path dir) throws Exception {
        JsonNode c = new ObjectMapper().readTree(dir.resolve("case.json").toFile());
        Path encrypted = dir.resolve("encrypted.env").toAbsolutePath();
        byte[] expected = Files.readAllBytes(dir.resolve("expected.txt"));
        for (String opener : c.get("opens").asText().split(",")) {
            Cli.Run run = new Cli(home).env("SOPS_AGE_KEY", keyText(opener)).run("decrypt", encrypted.toString());
            assertEquals(0, run.exitCode(), opener + ": " + run.stderr());
            assertArrayEquals(expected, run.stdout(), opener);
        }
        for (String refuser : c.get("refuses").asText().split(",")) {
            Cli.Run run = new Cli(home).env("SOPS_AGE_KEY", keyText(refuser)).run("decrypt", encrypted.toString());
            assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), refuser + ": " + run.stderr());
        }
        if (c.get("key_groups").asInt() == 1) {
            String first = c.get("opens").asText().split(",")[0];
            Peers.Result peer = Peers.sopsAge(encrypted.toAbsolutePath(), keyText(first).strip());
            assertEquals(0, peer.exitCode(), peer.stderr());
            @SuppressWarnings("unchecked")
            Map<String, String> theirs = new ObjectMapper().readValue(peer.stdout(), Map.class);
            Map<String, String> ours = new LinkedHashMap<>();
            for (String line : new String(expected, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.matches("[A-Za-z_][A-Za-z0-9_]*=.*") && !line.contains("'")) {
                    ours.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).replace("\\n", "\n"));
                }
            }
            ours.forEach((k, v) -> assertEquals(v, theirs.get(k), "sops-age value of " + k));
        }
    }

    private static String keyText(String identities) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : identities.split("\\+")) {
            Files.readAllLines(ROOT.resolve("keys").resolve(name + ".txt")).stream()
                    .filter(l -> l.startsWith("AGE-SECRET-KEY-")).forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }
}
