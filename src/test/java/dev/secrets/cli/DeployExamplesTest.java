package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scripts of docs/deploy.md (docs/examples/) for real: this build's {@code secrets} on the PATH, a real
 * encrypted file, and fake {@code restart}, {@code docker} and {@code kubectl} commands that record their calls.
 */
class DeployExamplesTest {
    private static final Path EXAMPLES = Path.of("docs/examples").toAbsolutePath();
    private static final String PLAIN = "DB_URL=postgres://app@db/app\nDB_PASSWORD=it's \"$HOME\" `x` \\ #\n";

    @TempDir
    Path dir;
    private Encrypted enc;
    private Path app;
    private Path bin;
    private Path calls;

    @BeforeEach
    void setUp() throws Exception {
        enc = Encrypted.in(dir);
        app = Files.createDirectory(dir.resolve("app"));
        bin = dir.resolve("bin");
        SecretsProcess.installLauncher(bin);
        calls = dir.resolve("calls.log");
        // A stand-in for restart/docker/kubectl: logs its name and arguments; kubectl also keeps "cluster" state.
        fake("restart-app", "");
        fake("docker", "");
        fake("kubectl", "case \"$1\" in\n"
                + "  diff) cat > \"$FAKE_STATE.new\"; cmp -s \"$FAKE_STATE.new\" \"$FAKE_STATE\" && exit 0 || exit 1 ;;\n"
                + "  apply) cat > \"$FAKE_STATE\" ;;\n"
                + "esac\n");
        Files.copy(enc.file("enc", PLAIN), app.resolve(".env.enc"));
    }

    private void fake(String name, String body) throws Exception {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho \"" + name + " $*\" >> '" + calls + "'\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SecretsProcess.Result runScript(Map<String, String> extraEnv, String... command) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("HOME", dir.toString());
        env.put("SOPS_AGE_KEY_FILE", enc.keys().file().toString());
        env.put("FAKE_STATE", dir.resolve("cluster-state").toString());
        env.putAll(extraEnv);
        return SecretsProcess.run(List.of(command), dir, env);
    }

    private List<String> calls() throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private String rendered(String... args) {
        List<String> all = new ArrayList<>(List.of("render", app.resolve(".env.enc").toString()));
        all.addAll(List.of(args));
        Cli.Run run = enc.cli().run(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out();
    }

    @Test
    void deploySh_restartsOnlyWhenEnvChanges_andFailsClosed() throws Exception {
        Map<String, String> env = Map.of("RESTART_COMMAND", "restart-app --now");
        String script = EXAMPLES.resolve("deploy.sh").toString();
        Path dotenv = app.resolve(".env");

        SecretsProcess.Result first = runScript(env, "bash", script, app.toString());
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(rendered(), Files.readString(dotenv));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dotenv)));
        assertEquals(List.of("restart-app --now"), calls(), "first deploy restarts");

        SecretsProcess.Result second = runScript(env, "bash", script, app.toString());
        assertEquals(0, second.exitCode(), second.stderr());
        assertTrue(second.out().contains("up to date"), second.out());
        assertEquals(List.of("restart-app --now"), calls(), "unchanged .env: no second restart");

        Files.copy(enc.file("enc2", PLAIN + "NEW_FLAG=1\n"), app.resolve(".env.enc"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SecretsProcess.Result third = runScript(Map.of("RESTART_COMMAND", "restart-app --now", "ENV_MODE", "0640"),
                "bash", script, app.toString());
        assertEquals(0, third.exitCode(), third.stderr());
        assertTrue(Files.readString(dotenv).endsWith("NEW_FLAG=1\n"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dotenv)));
        assertEquals(2, calls().size(), "changed .env: restarted");

        byte[] good = Files.readAllBytes(dotenv);
        String text = Files.readString(app.resolve(".env.enc"));
        Files.writeString(app.resolve(".env.enc"), text.replaceFirst("NEW_FLAG=ENC\\[AES256_GCM,data:.",
                "NEW_FLAG=ENC[AES256_GCM,data:" + (text.contains("NEW_FLAG=ENC[AES256_GCM,data:A") ? "B" : "A")));
        SecretsProcess.Result tampered = runScript(env, "bash", script, app.toString());
        assertEquals(ExitCode.VALUE_TAMPERED.code(), tampered.exitCode(), tampered.stderr());
        assertTrue(tampered.stderr().contains("left as it was"), tampered.stderr());
        assertArrayEquals(good, Files.readAllBytes(dotenv));
        assertEquals(2, calls().size(), "no restart after a failed render");
    }

    @Test
    void systemdUnit_execStartDeliversSecretsToTheServer() throws Exception {
        String unit = Files.readString(EXAMPLES.resolve("app.service"));
        Path server = app.resolve("bin/server");
        Files.createDirectories(server.getParent());
        Files.writeString(server, "#!/bin/sh\nprintf '%s|%s|%s' \"$DB_PASSWORD\" \"$1\" \"$2\" > '" + dir
                + "/server-saw'\n");
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        String execStart = line(unit, "ExecStart=").replace("/usr/local/bin/secrets", bin.resolve("secrets").toString())
                .replace("/srv/app", app.toString());
        String keyEnv = line(unit, "Environment=SOPS_AGE_KEY_FILE=");
        assertEquals("%d/age-key", keyEnv, "the key comes from the unit's credential");
        assertTrue(line(unit, "LoadCredential=").startsWith("age-key:"));
        assertEquals("mixed", line(unit, "KillMode="), "SIGTERM reaches secrets, which forwards it");

        SecretsProcess.Result run = runScript(Map.of(), execStart.split(" "));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("it's \"$HOME\" `x` \\ #|--port|8080", Files.readString(dir.resolve("server-saw")));
        try (var files = Files.list(app)) {
            assertEquals(List.of(".env.enc", "bin"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no plaintext file written");
        }
    }

    @Test
    void systemdUnit_verifiesWithSystemdAnalyze() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze not installed");
        String unit = Files.readString(EXAMPLES.resolve("app.service"))
                .replace("/usr/local/bin/secrets", bin.resolve("secrets").toString())
                .replace("/srv/app/bin/server", "/bin/true");
        Path copy = dir.resolve("app.service");
        Files.writeString(copy, unit);
        SecretsProcess.Result verify = SecretsProcess.run(List.of("systemd-analyze", "verify", copy.toString()), dir,
                Map.of("PATH", System.getenv("PATH")));
        assertEquals(0, verify.exitCode(), verify.stderr() + verify.out());
    }

    private static String line(String unit, String prefix) {
        return unit.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    @Test
    void composeDeploy_writesDockerEnvFileThenComposeUp_andFailsClosed() throws Exception {
        Path project = Files.createDirectory(dir.resolve("project"));
        Files.copy(EXAMPLES.resolve("compose/compose.yaml"), project.resolve("compose.yaml"));
        Files.copy(app.resolve(".env.enc"), project.resolve(".env.enc"));
        String script = EXAMPLES.resolve("compose/deploy-compose.sh").toString();

        SecretsProcess.Result first = runScript(Map.of(), "bash", script, project.toString());
        assertEquals(0, first.exitCode(), first.stderr());
        Path envFile = project.resolve("app.env");
        assertEquals(rendered("--format", "docker"), Files.readString(envFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)));
        assertEquals(List.of("docker compose up -d --remove-orphans"), calls());
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(project.resolve("compose.yaml").toFile());
        assertEquals("./app.env", compose.at("/services/app/env_file/0").asText(), "compose reads what we wrote");

        SecretsProcess.Result second = runScript(Map.of(), "bash", script, project.toString());
        assertTrue(second.out().contains("up to date"), second.out());

        byte[] good = Files.readAllBytes(envFile);
        Files.writeString(project.resolve(".env.enc"), "not=encrypted\n");
        SecretsProcess.Result broken = runScript(Map.of(), "bash", script, project.toString());
        assertTrue(broken.exitCode() != 0, broken.stderr());
        assertArrayEquals(good, Files.readAllBytes(envFile));
        assertEquals(2, calls().size(), "compose not called after a failed render");
    }

    @Test
    void k8sDeploy_appliesSecretAndRestartsOnlyOnChange_neverAppliesOnError() throws Exception {
        String script = EXAMPLES.resolve("deploy-k8s.sh").toString();
        String encrypted = app.resolve(".env.enc").toString();

        SecretsProcess.Result first = runScript(Map.of(), "bash", script, encrypted, "prod", "app-env", "app");
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(List.of("kubectl diff -f -", "kubectl apply -f -",
                "kubectl --namespace prod rollout restart deployment/app"), calls());
        JsonNode secret = new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("cluster-state").toFile());
        assertEquals("Secret", secret.get("kind").asText());
        assertEquals("app-env", secret.at("/metadata/name").asText());
        assertEquals("prod", secret.at("/metadata/namespace").asText());
        assertEquals("it's \"$HOME\" `x` \\ #", secret.at("/stringData/DB_PASSWORD").asText());
        assertEquals("postgres://app@db/app", secret.at("/stringData/DB_URL").asText());

        SecretsProcess.Result second = runScript(Map.of(), "bash", script, encrypted, "prod", "app-env", "app");
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals(4, calls().size(), "only a diff, no apply or restart when unchanged");

        Files.writeString(app.resolve(".env.enc"), Files.readString(app.resolve(".env.enc"))
                .replaceFirst("(?m)^DB_URL=.*\\n", ""));
        SecretsProcess.Result broken = runScript(Map.of(), "bash", script, encrypted, "prod", "app-env", "app");
        assertEquals(ExitCode.MAC_MISMATCH.code(), broken.exitCode(), broken.stderr());
        assertEquals(4, calls().size(), "kubectl never called when rendering fails");
        assertFalse(broken.out().contains("postgres"), "nothing of the secret printed");
    }
}
