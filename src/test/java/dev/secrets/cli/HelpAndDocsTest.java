package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command listed by {@code secrets --help} has examples in its own --help and a page in docs/commands/. */
class HelpAndDocsTest {
    @TempDir
    Path dir;

    @Test
    void help_everyCommand_hasExamplesAndADocsPage() throws Exception {
        Cli.Run root = new Cli(dir).run("--help");
        assertEquals(0, root.exitCode());
        List<String> commands = new ArrayList<>();
        boolean inCommands = false;
        for (String line : root.out().split("\n")) {
            if (line.startsWith("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.matches("  [a-z][a-z-]* .*")) {
                commands.add(line.trim().split(" ")[0]);
            }
        }
        assertTrue(commands.size() >= 13, "commands listed: " + commands);
        for (String command : commands) {
            Cli.Run help = new Cli(dir).run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().contains("Examples:"), command + " --help has no examples");
            assertTrue(Files.isRegularFile(Path.of("docs/commands", command + ".md")), "docs/commands/" + command + ".md");
        }
    }
}
