package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.AgeTestPlugin;
import dev.secrets.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dotenv file encrypted to an age plugin recipient, opened through the plugin; its failures' exit codes. */
class PluginCliTest {
    private static final String PLAIN = "API_TOKEN=through-a-plugin\n";

    @TempDir
    Path dir;
    private String path;

    @BeforeEach
    void setUp() throws Exception {
        AgeTestPlugin.install(dir.resolve("bin"));
        AgeTestPlugin.Keys keys = AgeTestPlugin.generate();
        Files.writeString(dir.resolve("plugin-keys.txt"), "# test plugin\n" + keys.identity() + "\n");
        Files.writeString(dir.resolve("app.env"), PLAIN);
        path = dir.resolve("bin") + ":" + System.getenv("PATH");
        Cli.Run enc = new Cli(dir).env("PATH", path).run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc");
        assertEquals(0, enc.exitCode(), enc.stderr());
    }

    @Test
    void decrypt_pluginIdentityFile_opensThroughThePlugin() {
        Cli.Run dec = cli().run("decrypt", "app.env.enc");

        assertEquals(0, dec.exitCode(), dec.stderr());
        assertEquals(PLAIN, dec.out());
    }

    @Test
    void decrypt_pluginNotOnPath_exit31NamingThePlugin() {
        Cli.Run dec = cli().env("PATH", System.getenv("PATH")).run("decrypt", "app.env.enc");

        assertEquals(31, dec.exitCode(), dec.stderr());
        assertTrue(dec.stderr().contains("age plugin [age-plugin-secretstest]"), dec.stderr());
    }

    @Test
    void decrypt_pluginCrashes_exit32() {
        Cli.Run dec = cli().env("SECRETSTEST_MODE", "crash").run("decrypt", "app.env.enc");

        assertEquals(32, dec.exitCode(), dec.stderr());
        assertTrue(dec.stderr().contains("exited with status 3"), dec.stderr());
        assertEquals("", dec.out());
    }

    private Cli cli() {
        return new Cli(dir).env("PATH", path).env("SOPS_AGE_KEY_FILE", dir.resolve("plugin-keys.txt").toString());
    }
}
