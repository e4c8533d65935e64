package dev.secrets.cli;

import dev.secrets.app.TrainingFixture;
import dev.secrets.io.Environment;
import dev.secrets.io.PrivateTempDir;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run behind {@code bin/secrets}'s class-data-sharing archive: started once with
 * {@code -XX:ArchiveClassesAtExit}, it runs the commands deploy scripts call cold ({@code render} in every
 * format, {@code render --out/--check}, {@code exec}, {@code decrypt}, {@code get}, key-name
 * completion) on a throw-away key and file in a private
 * temp folder, printing nothing. Exit status 0 when every command behaved as expected.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /** Runs the training; no arguments. */
    public static void main(String[] args) throws Exception {
        int failures = 0;
        try (PrivateTempDir folder = PrivateTempDir.create(Environment.system())) {
            Environment base = Environment.system();
            TrainingFixture fixture = TrainingFixture.create(folder.path(), base);
            Map<String, String> variables = new HashMap<>();
            base.get("PATH").ifPresent(path -> variables.put("PATH", path));
            variables.put("SOPS_AGE_KEY_FILE", fixture.identityFile().toString());
            Environment env = new Environment(variables, folder.path(), folder.path());
            String file = fixture.encryptedFile().toString();
            String out = folder.path().resolve("out.env").toString();
            List<String[]> commands = List.of(
                    new String[] {"render", file},
                    new String[] {"render", file, "--format", "docker"},
                    new String[] {"render", file, "--format", "shell", "--only", "API_TOKEN"},
                    new String[] {"render", file, "--format", "json", "--except", "EMPTY"},
                    new String[] {"render", file, "--format", "k8s-secret", "--name", "app", "--namespace", "ns"},
                    new String[] {"render", file, "--out", out, "--mode", "0640"},
                    new String[] {"render", file, "--out", out, "--check"},
                    new String[] {"decrypt", file},
                    new String[] {"get", file, "API_TOKEN"},
                    new String[] {CompletionScripts.KEYS_COMMAND, file},
                    new String[] {"--version"},
                    new String[] {"exec", file, "--", "true"},
                    new String[] {"exec", file, "--file", "app.env", "--", "test", "-s", "{}"});
            PrintWriter silent = new PrintWriter(Writer.nullWriter());
            for (String[] command : commands) {
                if (Main.run(OutputStream.nullOutputStream(), silent, java.io.InputStream.nullInputStream(), env,
                        command) != 0) {
                    failures++;
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
