package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.Programs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** help [COMMAND], did you mean, global options before the command, --quiet, colour and unwrapped examples. */
class CliConventionsTest {
    @TempDir
    Path dir;

    @Test
    void help_command_printsTheSameAsItsHelpOption() {
        Cli.Run help = new Cli(dir).run("help", "render");
        Cli.Run option = new Cli(dir).run("render", "--help");
        assertEquals(0, help.exitCode());
        assertEquals(option.out(), help.out());
        Cli.Run all = new Cli(dir).run("help");
        assertEquals(new Cli(dir).run("--help").out(), all.out());
        assertEquals(64, new Cli(dir).run("help", "nope").exitCode());
    }

    @Test
    void run_mistypedCommandOrOption_suggestsTheRightOne() {
        Cli.Run command = new Cli(dir).run("decrpyt", "x.env");
        assertEquals(64, command.exitCode());
        assertTrue(command.stderr().contains("did you mean 'decrypt'"), command.stderr());
        Cli.Run option = new Cli(dir).run("decrypt", "--extrakt", "KEY", "x.env");
        assertEquals(64, option.exitCode());
        assertTrue(option.stderr().contains("did you mean '--extract'"), option.stderr());
    }

    @Test
    void run_globalOptionsBeforeTheCommand_areAcceptedAndApplied() throws Exception {
        Encrypted enc = Encrypted.in(dir);
        Path file = enc.file("app.env", "A=1\n");
        Cli.Run loud = enc.cli().run("set", file.toString(), "B", "2");
        assertEquals(0, loud.exitCode(), loud.stderr());
        assertTrue(loud.stderr().contains("added [B]"), loud.stderr());
        Cli.Run quiet = enc.cli().run("-q", "set", file.toString(), "C", "3");
        assertEquals(0, quiet.exitCode(), quiet.stderr());
        assertEquals("", quiet.stderr());
        Cli.Run verbose = enc.cli().run("-v", "decrypt", file.toString());
        assertEquals(0, verbose.exitCode(), verbose.stderr());
        assertEquals("A=1\nB=2\nC=3\n", verbose.out());
        assertTrue(verbose.stderr().contains("identit"), verbose.stderr());
        Cli.Run quietAfter = enc.cli().run("unset", file.toString(), "C", "--quiet");
        assertEquals(0, quietAfter.exitCode());
        assertEquals("", quietAfter.stderr());
    }

    @Test
    void help_everyCommand_neverWrapsAnExampleLine() {
        CommandLine model = Main.model();
        for (Map.Entry<String, CommandLine> command : model.getSubcommands().entrySet()) {
            String help = new Cli(dir).run(command.getKey(), "--help").out();
            for (String line : command.getValue().getCommandSpec().usageMessage().footer()) {
                String shown = line.replace("%%", "%").replace("%n", "");
                assertTrue(help.contains(shown), command.getKey() + ": example wrapped: " + shown);
            }
        }
    }

    @Test
    void help_onATerminal_isColouredUnlessNoColor() throws Exception {
        Path script = Programs.require("script", "apt-get install bsdutils");
        Path launcher = dev.secrets.testsupport.SecretsProcess.installLauncher(dir.resolve("bin"));
        String coloured = onTerminal(script, launcher, Map.of("TERM", "xterm"));
        assertTrue(coloured.contains("\u001b["), "help on a terminal has colour: " + coloured);
        String plain = onTerminal(script, launcher, Map.of("TERM", "xterm", "NO_COLOR", "1"));
        assertTrue(plain.contains("Usage: secrets"), plain);
        assertFalse(plain.contains("\u001b"), "NO_COLOR output has an escape sequence");
    }

    /** {@code secrets --help} in a pseudo-terminal (util-linux script), output as the terminal got it. */
    private String onTerminal(Path script, Path launcher, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString(), "-qec", launcher + " --help", "/dev/null"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(out, StandardCharsets.UTF_8));
        Files.deleteIfExists(dir.resolve("typescript"));
        return new String(out, StandardCharsets.UTF_8);
    }
}
