package dev.secrets.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git repository in a test folder, with this build's {@code secrets} on git's PATH (drivers and hooks
 * run it as a process), a private HOME (no user or system git config), and one age key.
 */
public final class GitRepo {
    private final Path dir;
    private final Path launcher;
    private final Keys keys;
    private final Map<String, String> env = new HashMap<>();

    private GitRepo(Path dir, Path launcher, Keys keys, Path home) {
        this.dir = dir;
        this.launcher = launcher;
        this.keys = keys;
        env.put("HOME", home.toString());
        env.put("PATH", launcher.getParent() + ":" + System.getenv("PATH"));
        env.put("SOPS_AGE_KEY_FILE", keys.file().toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.com");
        env.put("GIT_COMMITTER_NAME", "Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.com");
        env.put("LANG", "C.UTF-8");
    }

    /** A new repository under {@code root} (folders repo, home, bin), on branch main, with one key. */
    public static GitRepo create(Path root) throws Exception {
        Programs.require("git", "apt-get install git");
        Path dir = Files.createDirectories(root.resolve("repo"));
        Path home = Files.createDirectories(root.resolve("home"));
        Keys keys = Keys.create(root.resolve("key.txt"));
        GitRepo repo = new GitRepo(dir, SecretsProcess.installLauncher(root.resolve("bin")), keys, home);
        repo.ok("init", "-q", "-b", "main");
        return repo;
    }

    /** The work tree. */
    public Path dir() {
        return dir;
    }

    /** The key files' key pair. */
    public Keys keys() {
        return keys;
    }

    /** The launcher git runs ({@code secrets git setup --command} takes it). */
    public Path launcher() {
        return launcher;
    }

    /** The environment git and secrets see. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Sets (or with null removes) a variable for later runs. */
    public GitRepo env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** Runs {@code git args} in the work tree. */
    public SecretsProcess.Result git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return SecretsProcess.run(command, dir, env);
    }

    /** Runs {@code git args} and fails the test unless it exits 0; returns stdout. */
    public String ok(String... args) throws Exception {
        SecretsProcess.Result result = git(args);
        assertEquals(0, result.exitCode(), "git " + String.join(" ", args) + ": " + result.stderr() + result.out());
        return result.out();
    }

    /** The in-process command line in the work tree with the same environment. */
    public Cli cli() {
        Cli cli = new Cli(dir);
        env.forEach(cli::env);
        return cli;
    }

    /** Runs {@code secrets set FILE KEY --stdin} with {@code value} and fails unless it exits 0. */
    public void set(String file, String key, String value) {
        Cli.Run run = cli().stdin(value.getBytes(StandardCharsets.UTF_8)).run("set", file, key, "--stdin");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    /** Writes {@code text} as a plain file and encrypts it to {@code encrypted} for the repository's key. */
    public void encrypt(String plain, String text, String encrypted) throws Exception {
        Files.writeString(dir.resolve(plain), text);
        Cli.Run run = cli().run("encrypt", "--age", keys.recipient(), plain, "-o", encrypted);
        assertEquals(0, run.exitCode(), run.stderr());
        Files.delete(dir.resolve(plain));
    }

    /** {@code git add -A && git commit -m message}, failing unless both succeed. */
    public void commitAll(String message) throws Exception {
        ok("add", "-A");
        ok("commit", "-q", "-m", message);
    }

    /** A change made on one side of a merge. */
    public interface Step {
        /** Makes the change in the work tree. */
        void run() throws Exception;
    }

    /** Commits {@code theirs} on a new {@code branch} and {@code ours} on main, then runs {@code git merge branch}. */
    public SecretsProcess.Result divergeAndMerge(String branch, Step theirs, Step ours) throws Exception {
        ok("checkout", "-q", "-b", branch);
        theirs.run();
        commitAll("their change on " + branch);
        ok("checkout", "-q", "main");
        ours.run();
        commitAll("our change");
        return git("merge", "--no-edit", branch);
    }

    /** Runs {@code secrets git setup} for this build's launcher and fails unless it exits 0. */
    public void setupDrivers() {
        Cli.Run setup = cli().run("git", "setup", "--command", launcher.toString());
        assertEquals(0, setup.exitCode(), setup.stderr());
    }

    /** The file's text in the work tree. */
    public String read(String file) throws Exception {
        return Files.readString(dir.resolve(file));
    }

    /** The age secret key line, for peers that take the key in their environment. */
    public String secretKey() throws Exception {
        return Files.readAllLines(keys.file()).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst()
                .orElseThrow();
    }
}
