package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts in real shells: the bash script sourced into bash and its function called as bash's
 * completion calls it; fish's own {@code complete -C}; zsh parses its script. Key names come with no identity
 * in the environment, so nothing can have been decrypted.
 */
class CompletionTest {
    @TempDir
    Path dir;

    private Path bin;

    @BeforeEach
    void setUp() throws Exception {
        Encrypted enc = Encrypted.in(dir);
        enc.file("app.env.enc", "POSTGRES_HOST=db\nPOSTGRES_PASSWORD=pw\nREDIS_URL=redis://x\nPORT=1\n");
        bin = SecretsProcess.installLauncher(dir.resolve("bin")).getParent();
        for (String shell : List.of("bash", "zsh", "fish")) {
            Cli.Run run = new Cli(dir).run("completion", shell);
            assertEquals(0, run.exitCode(), run.stderr());
            Files.write(dir.resolve("secrets." + shell), run.stdout());
        }
    }

    private String shell(String... command) throws Exception {
        SecretsProcess.Result run = SecretsProcess.run(List.of(command), dir, Map.of("PATH", bin + ":"
                + System.getenv("PATH"), "HOME", dir.toString()));
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out().trim();
    }

    /** What bash offers for {@code words} (the last one being completed), sorted, space-separated. */
    private String bashWords(String... words) throws Exception {
        String[] all = new String[words.length + 4];
        all[0] = "bash";
        all[1] = "-c";
        all[2] = "source ./secrets.bash; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _secrets;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\" | sort | tr '\\n' ' '";
        all[3] = "bash";
        System.arraycopy(words, 0, all, 4, words.length);
        return shell(all);
    }

    @Test
    void bash_commandsOptionsAndKeyNames_areCompleted() throws Exception {
        assertEquals("edit", bashWords("secrets", "ed"));
        assertEquals("generate get", bashWords("secrets", "-v", "ge"));
        assertEquals("--extract", bashWords("secrets", "decrypt", "--ext"));
        assertEquals("PORT POSTGRES_HOST POSTGRES_PASSWORD", bashWords("secrets", "get", "app.env.enc", "PO"));
        assertEquals("REDIS_URL", bashWords("secrets", "rotate", "app.env.enc", "--all", "RE"));
        assertEquals("POSTGRES_HOST POSTGRES_PASSWORD", bashWords("secrets", "unset", "app.env.enc", "POS"));
        assertEquals("bash fish zsh", bashWords("secrets", "completion", ""));
        assertEquals("render", bashWords("secrets", "help", "ren"));
        assertEquals("app.env.enc", bashWords("secrets", "decrypt", "app.e"));
    }

    @Test
    void keysCommand_noIdentity_listsTheNamesOnly() {
        Cli.Run names = new Cli(dir).run(CompletionScripts.KEYS_COMMAND, "app.env.enc");
        assertEquals(0, names.exitCode(), names.stderr());
        assertEquals("POSTGRES_HOST\nPOSTGRES_PASSWORD\nREDIS_URL\nPORT\n", names.out());
    }

    @Test
    void fish_commandsAndKeyNames_areCompleted() throws Exception {
        Programs.require("fish", "apt-get install fish");
        String commands = shell("fish", "-c", "source ./secrets.fish; complete -C 'secrets ed'");
        assertTrue(commands.startsWith("edit\t"), commands);
        String keys = shell("fish", "-c", "source ./secrets.fish; complete -C 'secrets get app.env.enc PO'");
        assertEquals(List.of("PORT", "POSTGRES_HOST", "POSTGRES_PASSWORD"), keys.lines().sorted().toList());
    }

    @Test
    void zsh_scriptParses() throws Exception {
        Programs.require("zsh", "apt-get install zsh");
        shell("zsh", "-n", "secrets.zsh");
        String defined = shell("zsh", "-c", "autoload -U compinit && compinit -u -d ./.zcompdump; source ./secrets.zsh;"
                + " echo $_comps[secrets]");
        assertTrue(defined.contains("_secrets"), "zsh completes secrets with the script's function: " + defined);
    }
}
