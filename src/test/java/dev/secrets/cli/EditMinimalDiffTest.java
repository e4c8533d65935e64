package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.EditFixture;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git-diff promise: editing one of 30 values changes exactly that value's line, {@code sops_mac} and
 * {@code sops_lastmodified}; and the result is still a file the independent peers open (the age CLI unwraps
 * the data key, sops-age decrypts every value).
 */
class EditMinimalDiffTest {
    @TempDir
    Path root;

    @Test
    void edit_oneOfThirtyValues_diffIsThatLineMacAndLastModified_peersStillDecrypt() throws Exception {
        EditFixture fx = new EditFixture(root);
        Path file = fx.encrypted("app.env", 30);
        byte[] before = Files.readAllBytes(file);
        String changed = fx.secret("rotated");
        Cli.Run run = fx.cli(fx.editor("one", "sed -i 's/^KEY_17=.*/KEY_17=" + changed + "/' \"$1\"")).run("edit", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        byte[] after = Files.readAllBytes(file);
        assertEquals(List.of("KEY_17", "sops_lastmodified", "sops_mac"), EditCommandTest.changedKeys(before, after));
        fx.assertNoPlaintextLeft();

        Map<String, String> expected = new LinkedHashMap<>(fx.values);
        expected.put("KEY_17", changed);
        String secretKey = Files.readAllLines(fx.keys.file()).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-"))
                .findFirst().orElseThrow();
        Peers.Result sops = Peers.sopsAge(file, secretKey);
        assertEquals(0, sops.exitCode(), sops.stderr());
        @SuppressWarnings("unchecked")
        Map<String, String> decrypted = new ObjectMapper().readValue(sops.stdout(), Map.class);
        assertEquals(expected, decrypted);

        String armor = EditFixture.lines(file).stream().filter(l -> l.startsWith("sops_age__list_0__map_enc="))
                .findFirst().orElseThrow().substring("sops_age__list_0__map_enc=".length()).replace("\\n", "\n");
        Peers.Result age = Peers.age(armor.getBytes(StandardCharsets.US_ASCII), "-d", "-i", fx.keys.file().toString());
        assertEquals(0, age.exitCode(), age.stderr());
        assertEquals(32, age.stdout().length, "the age CLI unwraps the 32-byte data key");
        assertTrue(new String(after, StandardCharsets.UTF_8).contains("sops_lastmodified="));
    }
}
