package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.io.ProcessRunner;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.testsupport.AgeTestPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The age plugin protocol, client side, against a real plugin process ({@link AgeTestPlugin}, first proven with
 * the real {@code age} CLI as its client), and every way a plugin can fail.
 */
class PluginProtocolTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private Path bin;
    private AgeTestPlugin.Keys keys;
    private final Map<String, String> variables = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        AgeCli.require("age");
        bin = dir.resolve("bin");
        AgeTestPlugin.install(bin);
        keys = AgeTestPlugin.generate();
        Files.writeString(dir.resolve("plugin-identity.txt"), keys.identity() + "\n");
        variables.put("PATH", bin + ":" + System.getenv("PATH"));
        install(PluginUi.NONE);
    }

    @AfterEach
    void tearDown() {
        AgePlugins.install(null, PluginUi.NONE);
    }

    @Test
    void testPlugin_withRealAgeCliAsClient_roundTrips() throws Exception {
        byte[] plain = random(2000);
        byte[] file = age(plain, "-r", keys.recipient());
        assertTrue(new String(file, java.nio.charset.StandardCharsets.US_ASCII).contains("-> secretstest "));

        assertArrayEquals(plain, age(file, "-d", "-i", dir.resolve("plugin-identity.txt").toString()));
    }

    @Test
    void encrypt_toPluginRecipient_ageCliDecryptsThroughThePlugin() throws Exception {
        byte[] plain = random(5000);

        byte[] file = AgeFiles.encrypt(SecretBytes.copyOf(plain), List.of(keys.recipient()), false);

        assertArrayEquals(plain, age(file, "-d", "-i", dir.resolve("plugin-identity.txt").toString()));
    }

    @Test
    void decrypt_ageCliFileWithPluginIdentity_opensThroughThePlugin() throws Exception {
        byte[] plain = random(5000);
        byte[] file = age(plain, "-r", keys.recipient(), "-a");

        SecretBytes opened = AgeFiles.decrypt(file, identities(), "[file]");

        assertTrue(opened.equalsConstantTime(plain));
    }

    @Test
    void decrypt_pluginAsksForPin_answeredThroughPluginUi() throws Exception {
        byte[] file = age(random(10), "-r", keys.recipient());
        variables.put("SECRETSTEST_MODE", "pin");
        List<String> asked = new ArrayList<>();
        install(new PluginUi() {
            @Override
            public Optional<SecretBytes> secret(String plugin, String prompt) {
                asked.add(plugin + ": " + prompt);
                return Optional.of(SecretBytes.ofUtf8("1234"));
            }
        });

        assertEquals(10, AgeFiles.decrypt(file, identities(), "[file]").length());
        assertEquals(List.of("age-plugin-secretstest: PIN for the test token?"), asked);
    }

    @Test
    void decrypt_pluginAsksForPinWithoutTerminal_pluginFailedWithItsError() throws Exception {
        byte[] file = age(random(10), "-r", keys.recipient());
        variables.put("SECRETSTEST_MODE", "pin");
        install(PluginUi.NONE);

        KeyException.PluginFailed e = assertThrows(KeyException.PluginFailed.class,
                () -> AgeFiles.decrypt(file, identities(), "[file]"));
        assertTrue(e.getMessage().contains("reported a identity error: wrong PIN"), e.getMessage());
    }

    @Test
    void decrypt_pluginSendsMessageAndUnknownCommand_stillOpens() throws Exception {
        byte[] file = age(random(10), "-r", keys.recipient());
        List<String> messages = new ArrayList<>();
        PluginUi ui = new PluginUi() {
            @Override
            public void message(String plugin, String text) {
                messages.add(text);
            }
        };
        variables.put("SECRETSTEST_MODE", "msg");
        install(ui);
        assertEquals(10, AgeFiles.decrypt(file, identities(), "[file]").length());
        variables.put("SECRETSTEST_MODE", "unknown");
        install(ui);
        assertEquals(10, AgeFiles.decrypt(file, identities(), "[file]").length());
        assertEquals(List.of("touch your test token"), messages);
    }

    @Test
    void decrypt_pluginNotOnPath_pluginNotFoundNamingTheProgram() throws Exception {
        byte[] file = age(random(10), "-r", keys.recipient());
        variables.put("PATH", System.getenv("PATH"));
        install(PluginUi.NONE);

        KeyException.PluginNotFound e = assertThrows(KeyException.PluginNotFound.class,
                () -> AgeFiles.decrypt(file, identities(), "[file]"));
        assertTrue(e.getMessage().contains("age plugin [age-plugin-secretstest]") && e.getMessage().contains("not on PATH"),
                e.getMessage());
        assertThrows(KeyException.PluginNotFound.class,
                () -> AgeFiles.encrypt(SecretBytes.ofUtf8("x"), List.of(keys.recipient()), false));
    }

    @Test
    void decrypt_pluginMisbehaves_eachFailsWithItsReason() throws Exception {
        byte[] file = age(random(10), "-r", keys.recipient());
        variables.put(AgePlugins.TIMEOUT_VARIABLE, "3");
        Map<String, String> expected = Map.of(
                "crash", "exited with status 3",
                "garbage", "broke the age plugin protocol: a line that is not a stanza header",
                "hang", "sent nothing for 3 seconds (time-out",
                "lie", "a file-key that is not 16 bytes",
                "error", "reported an internal error: the test token is unplugged");
        for (Map.Entry<String, String> mode : expected.entrySet()) {
            variables.put("SECRETSTEST_MODE", mode.getKey());
            install(PluginUi.NONE);
            KeyException.PluginFailed e = assertThrows(KeyException.PluginFailed.class,
                    () -> AgeFiles.decrypt(file, identities(), "[file]"), mode.getKey());
            assertTrue(e.getMessage().contains(mode.getValue()), mode.getKey() + ": " + e.getMessage());
        }
    }

    @Test
    void encrypt_pluginCrashes_pluginFailedAndNothingReturned() {
        variables.put("SECRETSTEST_MODE", "crash");
        install(PluginUi.NONE);

        KeyException.PluginFailed e = assertThrows(KeyException.PluginFailed.class,
                () -> AgeFiles.encrypt(SecretBytes.ofUtf8("x"), List.of(keys.recipient()), false));
        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
    }

    private AgeIdentities identities() throws KeyException {
        return AgeIdentities.of(IdentityFile.parse(keys.identity().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "[plugin-identity.txt]"));
    }

    private void install(PluginUi ui) {
        AgePlugins.install(new Environment(Map.copyOf(variables), dir, dir), ui);
    }

    private byte[] age(byte[] stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("age"));
        command.addAll(List.of(args));
        ProcessRunner.Result result = ProcessRunner.capture(command, Map.of("PATH", variables.get("PATH")), stdin, 60,
                16 * 1024 * 1024);
        assertEquals(0, result.exitCode(), "age failed: " + result.stderr());
        return result.stdout();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
