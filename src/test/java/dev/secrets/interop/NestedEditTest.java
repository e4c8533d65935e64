package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.EditFixture;
import dev.secrets.testsupport.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edit} of a sops-written YAML file: the editor sees the YAML sops would show (comments decrypted), and
 * saving one changed value rewrites that line plus {@code lastmodified} and {@code mac}; the encrypted comment
 * and every other value keep their ciphertext.
 */
class NestedEditTest {
    @TempDir
    Path root;

    @Test
    void editYaml_oneValueChanged_onlyThatLineAndMacChange() throws Exception {
        EditFixture fx = new EditFixture(root);
        Path vector = Shared.vectors("sops").resolve("yaml-novops-3.10.2-comment-blockscalar");
        Path file = fx.work.resolve("test-dotenv.encrypted.yml");
        Files.copy(vector.resolve("test-dotenv.encrypted.yml"), file);
        List<String> before = Files.readAllLines(file);
        Path editor = fx.editor("sed", "grep -q '^# This comment should be ignored$' \"$1\" || exit 3\n"
                + "sed -i 's|^app_host: .*|app_host: http://example.org|' \"$1\"");
        Cli cli = fx.cli(editor).env("SOPS_AGE_KEY_FILE", vector.resolve("age2").toString());
        Cli.Run run = cli.run("edit", file.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> after = Files.readAllLines(file);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(after.get(i).strip().split(":")[0]);
            }
        }
        assertEquals(List.of("app_host", "lastmodified", "mac"), changed);
        Cli.Run get = cli.run("get", file.toString(), "app_host");
        assertEquals("http://example.org", get.out());
        Cli.Run view = cli.run("view", file.toString());
        assertTrue(view.out().contains("# This comment should be ignored\nWITH_LINES: |\n"), view.out());
        fx.assertNoPlaintextLeft();
    }
}
