package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.SecretsProcess;
import dev.secrets.testsupport.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts in real shells, each asked the same questions (commands, options, key names, file names):
 * the bash script sourced into bash and its function called as bash's completion calls it; fish's own
 * {@code complete -C}; an interactive zsh in a tmux terminal, with compinit and a real Tab. Key names come with no identity
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

    /** What fish's own completion offers for the command line {@code line}: the candidates, sorted. */
    private List<String> fishWords(String line) throws Exception {
        String out = shell("fish", "-c", "source ./secrets.fish; complete -C '" + line + "'");
        return out.lines().map(l -> l.split("\t")[0]).sorted().toList();
    }

    @Test
    void fish_commandsOptionsAndKeyNames_areCompleted() throws Exception {
        Programs.require("fish", "apt-get install fish");
        assertEquals(List.of("edit"), fishWords("secrets ed"));
        assertEquals(List.of("generate", "get"), fishWords("secrets -v ge"));
        assertEquals(List.of("--extract"), fishWords("secrets decrypt --ext"));
        assertEquals(List.of("PORT", "POSTGRES_HOST", "POSTGRES_PASSWORD"), fishWords("secrets get app.env.enc PO"));
        assertEquals(List.of("REDIS_URL"), fishWords("secrets rotate app.env.enc --all RE"));
        assertEquals(List.of("POSTGRES_HOST", "POSTGRES_PASSWORD"), fishWords("secrets unset app.env.enc POS"));
        assertEquals(List.of("bash", "fish", "zsh"), fishWords("secrets completion "));
        assertEquals(List.of("render"), fishWords("secrets help ren"));
        assertEquals(List.of("app.env.enc"), fishWords("secrets decrypt app.e"));
    }

    /**
     * zsh as a user has it: an interactive zsh in a real terminal (tmux), compinit finding {@code _secrets} on its
     * fpath as the installer puts it, and a real Tab. Returns the screen once it shows {@code expected}.
     */
    private String zshTab(Tmux tmux, String line, String expected) throws Exception {
        tmux.keys("C-u");
        tmux.type(line);
        tmux.keys("Tab");
        tmux.awaitScreen(expected);
        return tmux.screen();
    }

    @Test
    void zsh_commandsOptionsAndKeyNames_areCompletedInARealTerminal() throws Exception {
        Programs.require("zsh", "apt-get install zsh");
        shell("zsh", "-n", "secrets.zsh");
        Path functions = Files.createDirectories(dir.resolve("zsh-functions"));
        Files.copy(dir.resolve("secrets.zsh"), functions.resolve("_secrets"));
        Path zdotdir = Files.createDirectories(dir.resolve("zdotdir"));
        Files.writeString(zdotdir.resolve(".zshrc"), "fpath=(" + functions + " $fpath)\n"
                + "autoload -U compinit && compinit -u -d " + zdotdir.resolve(".zcompdump") + "\nPROMPT='zsh> '\n");
        try (Tmux tmux = Tmux.open(dir.resolve("tmux"), "zsh")) {
            Files.createDirectories(dir.resolve("tmux"));
            tmux.start(dir, Map.of("ZDOTDIR", zdotdir.toString(), "HOME", dir.toString(), "TERM", "xterm",
                    "PATH", bin + ":" + System.getenv("PATH")), "zsh", "-i");
            tmux.awaitScreen("zsh> ");
            assertTrue(zshTab(tmux, "secrets ed", "zsh> secrets edit").contains("zsh> secrets edit"));
            zshTab(tmux, "secrets decrypt --ext", "zsh> secrets decrypt --extract");
            String keys = zshTab(tmux, "secrets get app.env.enc PO", "POSTGRES_PASSWORD");
            assertTrue(keys.contains("PORT") && keys.contains("POSTGRES_HOST"), keys);
            assertTrue(!keys.contains("REDIS_URL"), keys);
            zshTab(tmux, "secrets rotate app.env.enc --all RE", "zsh> secrets rotate app.env.enc --all REDIS_URL");
            zshTab(tmux, "secrets help ren", "zsh> secrets help render");
            zshTab(tmux, "secrets decrypt app.e", "zsh> secrets decrypt app.env.enc");
        }
    }
}
