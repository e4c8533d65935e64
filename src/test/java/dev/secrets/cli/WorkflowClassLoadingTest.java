package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.EditFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up discipline: {@code get} and {@code view} run cold in scripts, and {@code edit} of an existing file
 * needs neither YAML nor a terminal library unless an edit is invalid, so none of them loads jackson or jline.
 * With an X25519 key, {@code render}, {@code get} and {@code decrypt} load none of the other key kinds either:
 * no BouncyCastle, no post-quantum, scrypt, ssh-rsa, protected-SSH-key or plugin classes, and (through
 * {@link FastPath}) no picocli model.
 */
class WorkflowClassLoadingTest {
    @TempDir
    Path root;

    @Test
    void getViewEditSet_existingFile_loadNeitherJacksonNorJline() throws Exception {
        EditFixture fx = new EditFixture(root);
        fx.encrypted("app.env", 2);
        Path editor = fx.editor("sed", "sed -i 's/^KEY_1=.*/KEY_1=x/' \"$1\"");
        for (List<String> args : List.of(List.of("get", "app.env", "KEY_1"), List.of("view", "app.env"),
                List.of("edit", "app.env"), List.of("set", "app.env", "K", "v"), List.of("generate"))) {
            String output = classesLoaded(fx, args, editor.toString());
            assertTrue(output.contains("dev.secrets.cli.Main"), "ran");
            assertFalse(output.contains("com.fasterxml"), args + " loaded jackson");
            assertFalse(output.contains("org.jline"), args + " loaded jline");
        }
        fx.assertNoPlaintextLeft();
    }

    @Test
    void renderGetDecrypt_x25519File_loadNoOtherKeyKindsNorBouncyCastleNorPicocliModel() throws Exception {
        EditFixture fx = new EditFixture(root);
        fx.encrypted("app.env", 2);
        List<String> forbidden = List.of("org.bouncycastle", "org.jline", "dev.secrets.age.HybridStanza",
                "dev.secrets.age.HybridKeys", "dev.secrets.age.ScryptStanza", "dev.secrets.age.LongBech32",
                "dev.secrets.age.PluginStanzas", "dev.secrets.age.PluginConnection", "dev.secrets.age.PluginKeys",
                "dev.secrets.age.SshRsa", "dev.secrets.age.OpenSshContainer", "dev.secrets.age.LockedSshReader",
                "dev.secrets.age.EncryptedIdentityFile");
        for (List<String> args : List.of(List.of("render", "app.env"), List.of("get", "app.env", "KEY_1"),
                List.of("decrypt", "app.env"))) {
            String output = classesLoaded(fx, args, "false");
            assertTrue(output.contains("dev.secrets.age.AgeIdentities"), args + " used the age layer");
            for (String name : forbidden) {
                assertFalse(output.contains(" " + name), args + " loaded " + name);
            }
            // FastPath: no picocli model built, so no reflection over annotations and no annotation proxies.
            assertFalse(output.contains("picocli.CommandLine$Model"), args + " built picocli's model");
            assertFalse(output.contains("jdk.proxy"), args + " made annotation proxies");
        }
        fx.assertNoPlaintextLeft();
    }

    /** Runs {@code secrets ARGS} cold with -verbose:class, asserts exit 0, returns the class-loading log. */
    private static String classesLoaded(EditFixture fx, List<String> args, String editor) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-verbose:class", "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(fx.work.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", System.getenv("PATH"), "HOME", fx.work.toString(),
                "SOPS_AGE_KEY_FILE", fx.keys.file().toString(), "EDITOR", editor,
                "XDG_RUNTIME_DIR", fx.runtime.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), args + ": " + output.lines().filter(l -> !l.startsWith("[")).toList());
        return output;
    }
}
