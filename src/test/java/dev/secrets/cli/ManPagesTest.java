package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man pages the build makes: one per visible command, each rendered by {@code man -l} without a warning. */
class ManPagesTest {
    @TempDir
    Path dir;

    @Test
    void manPages_everyCommand_rendersWithoutWarnings() throws Exception {
        Path asciidoctor = Programs.require("asciidoctor", "apt-get install asciidoctor");
        Path man = Programs.require("man", "apt-get install man-db");
        List<Path> adoc = ManPages.generate(dir.resolve("adoc"));
        List<String> command = new ArrayList<>(List.of(asciidoctor.toString(), "-b", "manpage", "-D",
                dir.resolve("man1").toString()));
        adoc.forEach(p -> command.add(p.toString()));
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "LC_ALL", "C.UTF-8", "MANWIDTH", "80");
        SecretsProcess.Result converted = SecretsProcess.run(command, dir, env);
        assertEquals(0, converted.exitCode(), converted.stderr());
        assertEquals("", converted.stderr());

        List<String> expected = new ArrayList<>(List.of("secrets.1"));
        addPages(Main.model(), "secrets", expected);
        for (String page : expected) {
            Path file = dir.resolve("man1").resolve(page);
            assertTrue(Files.isRegularFile(file), page);
            SecretsProcess.Result shown = SecretsProcess.run(List.of(man.toString(), "--warnings", "-l",
                    file.toString()), dir, env);
            assertEquals(0, shown.exitCode(), page + ": " + shown.stderr());
            assertEquals("", shown.stderr(), page + " warnings");
            assertTrue(shown.out().contains("NAME") && shown.out().contains("SYNOPSIS"), page);
            assertTrue(page.equals("secrets.1") || shown.out().contains("EXAMPLES"), page + " has examples");
        }
        assertEquals(expected.size(), Files.list(dir.resolve("man1")).count(), "no page for a hidden command");
    }

    /** One page per visible command at every level ({@code secrets git setup} is {@code secrets-git-setup.1}). */
    private static void addPages(CommandLine parent, String prefix, List<String> pages) {
        for (Map.Entry<String, CommandLine> sub : parent.getSubcommands().entrySet()) {
            if (!sub.getValue().getCommandSpec().usageMessage().hidden()) {
                pages.add(prefix + "-" + sub.getKey() + ".1");
                addPages(sub.getValue(), prefix + "-" + sub.getKey(), pages);
            }
        }
    }
}
