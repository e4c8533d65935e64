package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run bin/secrets records its class-data-sharing archive from: every command in it must succeed
 * (or the launcher would record a failed path and give up on the archive), print nothing, and leave nothing.
 */
class CdsTrainingTest {
    @TempDir
    Path dir;

    @Test
    void main_allCommandsSucceedSilentlyAndLeaveNoFiles() throws Exception {
        List<String> command = SecretsProcess.javaCommand();
        command.set(command.size() - 1, CdsTraining.class.getName());
        Path runtime = Files.createDirectory(dir.resolve("runtime"));
        SecretsProcess.Result run = SecretsProcess.run(command, dir, Map.of("PATH", System.getenv("PATH"),
                "HOME", dir.toString(), "XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(0, run.stdout().length, "nothing on stdout");
        assertEquals("", run.stderr());
        try (Stream<Path> left = Files.list(runtime)) {
            assertEquals(List.of(), left.toList(), "the throw-away key and files are wiped");
        }
    }
}
