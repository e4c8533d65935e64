package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code --json} report parses and has exactly the fields, types and order docs/json.md documents for its
 * command; failures are one JSON object on stderr with nothing on stdout; no report holds a value.
 */
class JsonOutputTest {
    private static final String VALUE = "s3cr3t-value-never-in-a-report";

    @TempDir
    Path dir;

    private Encrypted enc;
    private Path file;
    private Map<String, List<String[]>> documented;

    @BeforeEach
    void setUp() throws Exception {
        enc = Encrypted.in(dir);
        file = enc.file("app.env", "A=" + VALUE + "\n");
        documented = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("docs/json.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length == 3 && !cells[1].isBlank() && !cells[1].contains("command") && !cells[1].contains("---")) {
                List<String[]> fields = new ArrayList<>();
                for (String field : cells[2].split(", (?![^(]*\\))")) {
                    String name = field.trim().split(" ")[0];
                    String type = field.contains("(") ? field.substring(field.indexOf('(') + 1).split("[ :)]")[0] : "";
                    fields.add(new String[] {name, type});
                }
                documented.put(cells[1].trim(), fields);
            }
        }
        assertTrue(documented.size() >= 10, "table read: " + documented.keySet());
    }

    private JsonNode report(Cli.Run run, String command, int code) throws Exception {
        assertEquals(code, run.exitCode(), run.stderr());
        assertEquals("", run.stderr(), "--json prints no notes");
        assertFalse(run.out().contains(VALUE), "no value in the report");
        assertEquals(1, run.out().lines().count(), "one line: " + run.out());
        JsonNode node = new ObjectMapper().readTree(run.stdout());
        assertShape(command, node);
        return node;
    }

    private void assertShape(String command, JsonNode node) {
        List<String[]> fields = documented.get(command);
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(fields.stream().map(f -> f[0]).toList(), names.stream().filter(n -> fields.stream()
                .anyMatch(f -> f[0].equals(n))).toList(), command + ": documented fields in order");
        assertEquals(fields.size(), names.size(), command + ": no undocumented field: " + names);
        for (String[] field : fields) {
            JsonNode value = node.get(field[0]);
            switch (field[1]) {
                case "string": assertTrue(value.isTextual() || value.isNull(), command + "." + field[0]); break;
                case "number": assertTrue(value.isInt(), command + "." + field[0]); break;
                case "boolean": assertTrue(value.isBoolean(), command + "." + field[0]); break;
                case "array": assertTrue(value.isArray(), command + "." + field[0]); break;
                case "object": assertTrue(value.isObject(), command + "." + field[0]); break;
                default: throw new AssertionError("undocumented type " + field[1]);
            }
        }
        if (!command.equals("error")) {
            assertEquals(command, node.get("command").asText());
        }
    }

    @Test
    void json_setUnsetRenderDecryptKeygen_matchDocumentedShapes() throws Exception {
        Cli cli = enc.cli();
        assertEquals("added", report(cli.run("set", "app.env", "B", "2", "--json"), "set", 0).get("action").asText());
        assertEquals("replaced", report(cli.run("--json", "set", "app.env", "B", VALUE), "set", 0).get("action").asText());
        assertEquals(1, report(cli.run("unset", "app.env", "B", "--json"), "unset", 0).get("removed").asInt());
        assertEquals(0, report(cli.run("unset", "app.env", "B", "--idempotent", "--json"), "unset", 0)
                .get("removed").asInt());
        assertEquals("written", report(cli.run("render", "app.env", "--out", "out.env", "--json"), "render", 0)
                .get("outcome").asText());
        assertEquals("same", report(cli.run("render", "app.env", "--out", "out.env", "--check", "--json"), "render", 0)
                .get("outcome").asText());
        Files.writeString(dir.resolve("out.env"), "changed\n");
        assertEquals("differs", report(cli.run("render", "app.env", "--out", "out.env", "--check", "--json"), "render",
                1).get("outcome").asText());
        report(cli.run("decrypt", "app.env", "-o", "plain.env", "--json"), "decrypt", 0);
        report(cli.run("encrypt", "--age", enc.keys().recipient(), "plain.env", "-o", "again.env", "--json"),
                "encrypt", 0);
        JsonNode keygen = report(cli.run("keygen", "-o", "new-key.txt", "--json"), "keygen", 0);
        assertTrue(keygen.get("recipient").asText().startsWith("age1"));
        assertFalse(Files.readString(dir.resolve("new-key.txt")).contains(keygen.toString()));
    }

    @Test
    void json_version_isTheDocumentedObject() throws Exception {
        for (String[] argv : List.of(new String[] {"--version", "--json"}, new String[] {"--json", "-V"})) {
            JsonNode version = report(enc.cli().run(argv), "version", 0);
            assertEquals(Main.VERSION, version.get("version").asText());
            assertEquals(dev.secrets.app.Formats.SOPS_VERSION, version.get("sopsFormat").asText());
            assertEquals(dev.secrets.app.Formats.STORES, new ObjectMapper().convertValue(version.get("formats"), List.class));
            assertEquals(Runtime.version().toString(), version.get("java").asText());
        }
    }

    @Test
    void json_edit_reportsTheOutcome() throws Exception {
        Cli.Run unchanged = enc.cli().env("EDITOR", "true").env("XDG_RUNTIME_DIR", dir.toString())
                .run("edit", "app.env", "--json");
        assertEquals("unchanged", report(unchanged, "edit", ExitCode.FILE_NOT_MODIFIED.code()).get("outcome").asText());
    }

    @Test
    void json_failures_areOneErrorObjectOnStderr() throws Exception {
        Cli.Run missing = enc.cli().run("get", "app.env", "NOPE", "--json");
        assertEquals(ExitCode.KEY_NOT_FOUND.code(), missing.exitCode());
        assertEquals("", missing.out());
        JsonNode error = new ObjectMapper().readTree(missing.stderr());
        assertShape("error", error);
        assertEquals("get", error.get("command").asText());
        assertEquals(90, error.get("error").get("code").asInt());
        assertEquals("KEY_NOT_FOUND", error.get("error").get("kind").asText());
        assertTrue(error.get("error").get("message").asText().contains("NOPE"));

        Files.writeString(file, Files.readString(file).replaceFirst("sops_mac=ENC\\[AES256_GCM,data:.", "sops_mac=ENC[AES256_GCM,data:A"));
        Cli.Run tampered = enc.cli().run("--json", "decrypt", "app.env");
        assertEquals("", tampered.out());
        JsonNode mac = new ObjectMapper().readTree(tampered.stderr());
        assertEquals(tampered.exitCode(), mac.get("error").get("code").asInt());
        assertTrue(tampered.exitCode() != 0, "tampered file refused");
        assertEquals(ExitCode.valueOf(mac.get("error").get("kind").asText()).code(), tampered.exitCode());
        assertFalse(tampered.stderr().contains(VALUE));

        Cli.Run usage = enc.cli().run("--json", "decrpt", "app.env");
        JsonNode parse = new ObjectMapper().readTree(usage.stderr());
        assertEquals(64, usage.exitCode());
        assertEquals("USAGE", parse.get("error").get("kind").asText());
        assertTrue(parse.get("error").get("hint").asText().contains("did you mean 'decrypt'"));
    }
}
