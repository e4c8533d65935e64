package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -} as stdout ({@code decrypt -o}, {@code render --out}) and stdin ({@code get}, {@code view}, {@code exec}, {@code encrypt}); home is {@code $HOME}. */
class StdoutDashAndHomeTest {
    @TempDir
    Path dir;

    @Test
    void decryptAndRender_outputDash_printToStdoutNoFileNamedDash() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        encrypted.file("app.env.enc", "API_TOKEN=s3cr3t-dash\n");
        Cli cli = encrypted.cli();
        Cli.Run decrypt = cli.run("decrypt", "app.env.enc", "-o", "-");
        assertEquals(0, decrypt.exitCode(), decrypt.stderr());
        assertEquals("API_TOKEN=s3cr3t-dash\n", decrypt.out());
        assertEquals("", decrypt.stderr());
        Cli.Run render = cli.run("render", "app.env.enc", "--out", "-", "--format", "shell");
        assertEquals(0, render.exitCode(), render.stderr());
        assertTrue(render.out().contains("API_TOKEN="), render.out());
        assertFalse(render.stderr().contains("s3cr3t"), render.stderr());
        assertFalse(Files.exists(dir.resolve("-")), "no plaintext file named -");
    }

    @Test
    void getAndView_fileDash_readTheEncryptedFileFromStdin() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        byte[] file = Files.readAllBytes(encrypted.file("app.env.enc", "API_TOKEN=s3cr3t-stdin\nB=2\n"));
        Cli.Run get = encrypted.cli().stdin(file).run("get", "-", "API_TOKEN");
        assertEquals(0, get.exitCode(), get.stderr());
        assertEquals("s3cr3t-stdin", get.out().strip());
        Cli.Run view = encrypted.cli().stdin(file).run("view", "-");
        assertEquals(0, view.exitCode(), view.stderr());
        assertTrue(view.out().contains("B=2"), view.out());
        assertFalse(Files.exists(dir.resolve("-")));
    }

    @Test
    void exec_fileDash_readsTheEncryptedFileFromStdinCommandGetsValues() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        byte[] file = Files.readAllBytes(encrypted.file("app.env.enc", "API_TOKEN=s3cr3t-exec\n"));
        Cli.Run run = encrypted.cli().stdin(file).run("exec", "-", "--", "bash", "-c",
                "printf %s \"$API_TOKEN\" > seen");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("s3cr3t-exec", Files.readString(dir.resolve("seen")));
        assertFalse(run.stderr().contains("s3cr3t"), run.stderr());
        assertFalse(Files.exists(dir.resolve("-")));
    }

    @Test
    void encrypt_stdinWithoutNameNorRecipients_exit8PointsAtFilenameOverride() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: prod\\.env$\n    age: "
                + encrypted.keys().recipient() + "\n");
        byte[] plain = "API_TOKEN=s3cr3t-in\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Cli.Run refused = encrypted.cli().stdin(plain).run("encrypt", "-");
        assertEquals(ExitCode.CONFLICTING_OPTIONS.code(), refused.exitCode(), refused.stderr());
        assertEquals(1, refused.stderr().lines().count(), refused.stderr());
        assertTrue(refused.stderr().contains("--filename-override"), refused.stderr());
        assertFalse(refused.stderr().contains("s3cr3t"), refused.stderr());
        assertEquals(0, refused.stdout().length);

        Cli.Run named = encrypted.cli().stdin(plain).run("encrypt", "-", "--filename-override", "prod.env");
        assertEquals(0, named.exitCode(), named.stderr());
        Files.write(dir.resolve("prod.env"), named.stdout());
        Cli.Run get = encrypted.cli().run("get", "prod.env", "API_TOKEN");
        assertEquals("s3cr3t-in", get.out());

        Cli.Run withAge = encrypted.cli().stdin(plain).run("encrypt", "-", "--age", encrypted.keys().recipient());
        assertEquals(0, withAge.exitCode(), withAge.stderr());
        assertTrue(withAge.out().startsWith("API_TOKEN=ENC["), withAge.out());
    }

    @Test
    void decrypt_keysUnderHomeAndXdgConfigHome_foundFromTheEnvironmentNotThePasswordDatabase() throws Exception {
        Encrypted encrypted = Encrypted.in(dir);
        encrypted.file("app.env.enc", "A=1\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".config/sops/age"));
        Files.copy(encrypted.keys().file(), home.resolve(".config/sops/age/keys.txt"));
        assertEquals(0, child(Map.of("HOME", home.toString())), "$HOME/.config/sops/age/keys.txt");

        Path xdg = Files.createDirectories(dir.resolve("xdg/sops/age"));
        Files.copy(encrypted.keys().file(), xdg.resolve("keys.txt"));
        Path empty = Files.createDirectories(dir.resolve("empty-home"));
        assertEquals(0, child(Map.of("HOME", empty.toString(), "XDG_CONFIG_HOME", dir.resolve("xdg").toString())),
                "$XDG_CONFIG_HOME/sops/age/keys.txt");
        assertEquals(128, child(Map.of("HOME", empty.toString())), "nothing under an empty $HOME");
    }

    private int child(Map<String, String> env) throws Exception {
        List<String> command = SecretsProcess.javaCommand();
        command.addAll(List.of("decrypt", "app.env.enc"));
        Programs.Output output = Programs.run(command, dir, env, List.of("SOPS_AGE_KEY_FILE", "SOPS_AGE_KEY",
                "SOPS_AGE_KEY_CMD", "SOPS_AGE_SSH_PRIVATE_KEY_FILE", "XDG_CONFIG_HOME"));
        if (output.exitCode() == 0) {
            assertEquals("A=1\n", output.text());
        }
        return output.exitCode();
    }
}
