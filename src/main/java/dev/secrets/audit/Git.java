package dev.secrets.audit;

import dev.secrets.io.BoundedFiles;
import dev.secrets.io.PipedProcess;
import dev.secrets.io.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code git} command line, used through its plumbing (NUL-separated output, no pager, no colour) on one
 * repository. Nothing secret is ever passed in an argument.
 */
public final class Git {
    private static final int MAX_LISTING = 256 * 1024 * 1024;
    private static final List<String> PASSED = List.of("PATH", "HOME", "XDG_CONFIG_HOME", "TMPDIR",
            "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL");
    private final Path root;
    private final Map<String, String> environment;
    private final String executable;

    private Git(Path root, Map<String, String> environment, String executable) {
        this.root = root;
        this.environment = environment;
        this.executable = executable;
    }

    /** The {@code git} on the environment's PATH (the JVM would otherwise search its own PATH). */
    private static String executable(Map<String, String> env) {
        for (String folder : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "git");
            if (java.nio.file.Files.isExecutable(candidate) && !java.nio.file.Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return "git";
    }

    /**
     * The repository containing {@code dir}, or empty when it is not in one (or git is not installed).
     *
     * @param variables the environment to run git with (PATH, HOME)
     */
    public static Optional<Git> at(Path dir, Map<String, String> variables) {
        // Only what git needs: SOPS_AGE_KEY and the like must not reach git or anything it may start.
        Map<String, String> env = new HashMap<>();
        for (String name : PASSED) {
            if (variables.containsKey(name)) {
                env.put(name, variables.get(name));
            }
        }
        env.put("LC_ALL", "C");
        env.put("GIT_PAGER", "cat");
        env.put("GIT_TERMINAL_PROMPT", "0");
        String git = executable(env);
        try {
            ProcessRunner.Result result = ProcessRunner.capture(List.of(git, "-C", dir.toString(), "rev-parse",
                    "--show-toplevel"), env, null, 60, 64 * 1024);
            if (result.exitCode() != 0) {
                return Optional.empty();
            }
            String top = new String(result.stdout(), StandardCharsets.UTF_8).strip();
            return Optional.of(new Git(Path.of(top), env, git));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The work tree's top folder. */
    public Path root() {
        return root;
    }

    /** Files in the index, relative to {@link #root()}. */
    public List<String> tracked() throws IOException {
        return nulSeparated(run("ls-files", "-z"));
    }

    /** Files in the work tree that are neither tracked nor ignored. */
    public List<String> untrackedNotIgnored() throws IOException {
        return nulSeparated(run("ls-files", "-z", "--others", "--exclude-standard"));
    }

    /** Runs a git subcommand that prints a bounded amount and returns stdout; fails on a non-zero exit. */
    public byte[] run(String... args) throws IOException {
        List<String> command = command(args);
        ProcessRunner.Result result = ProcessRunner.capture(command, environment, null, 600, MAX_LISTING);
        if (result.exitCode() != 0) {
            throw new IOException("[git " + args[0] + "] exited with " + result.exitCode() + ": "
                    + result.stderr().lines().findFirst().orElse(""));
        }
        return result.stdout();
    }

    /** Starts a git subcommand whose output is read as a stream. */
    public PipedProcess stream(String... args) throws IOException {
        return PipedProcess.start(command(args), environment, root);
    }

    /** Receives the changes of a raw log. */
    @FunctionalInterface
    public interface ChangeSink {
        /** One path changed by one commit. */
        void change(RawLog.Change change) throws IOException;
    }

    /**
     * Streams {@code git log -z --raw --no-abbrev --no-renames} with {@code options} (refs, filters, pathspecs)
     * into {@code sink}; returns the number of commits read.
     */
    public long rawLog(ChangeSink sink, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("log", "--no-renames", "--raw", "--no-abbrev", "-z",
                "--format=%x01%H%x20%ct"));
        args.addAll(List.of(options));
        try (PipedProcess log = stream(args.toArray(String[]::new))) {
            log.stdin().close();
            RawLog raw = new RawLog(log.stdout());
            RawLog.Change change;
            while ((change = raw.next()) != null) {
                sink.change(change);
            }
            log.finish();
            return raw.commits();
        }
    }

    /**
     * One version of a file: the commit that wrote it, that commit's time and the blob.
     *
     * @param commit the commit id
     * @param time committer time, seconds since the epoch
     * @param blob the blob id
     */
    public record Version(String commit, long time, String blob) {
    }

    /** Every version {@code path} had in any commit of any ref, newest first (deletions left out). */
    public List<Version> versions(String path) throws IOException {
        List<Version> versions = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        rawLog(change -> {
            if (change.blob() != null && change.path().equals(path) && seen.add(change.commit() + change.blob())) {
                versions.add(new Version(change.commit(), change.time(), change.blob()));
            }
        }, "--all", "-m", "--", ":(literal)" + path);
        versions.sort(java.util.Comparator.comparingLong(Version::time).reversed());
        return versions;
    }

    /** The content of blob {@code id} (at most 64 MiB). */
    public byte[] blob(String id) throws IOException {
        try (PipedProcess p = stream("cat-file", "blob", id)) {
            p.stdin().close();
            byte[] bytes = readAll(p.stdout());
            p.finish();
            return bytes;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return BoundedFiles.read(in, BoundedFiles.MAX_SECRETS_FILE, "git output");
    }

    private List<String> command(String... args) {
        // core.fsmonitor names a program a repository's own config could make git run: never for an audit.
        List<String> command = new ArrayList<>(List.of(executable, "-C", root.toString(), "-c", "core.quotePath=false",
                "-c", "core.fsmonitor=false", "-c", "log.showSignature=false"));
        command.addAll(List.of(args));
        return command;
    }

    static List<String> nulSeparated(byte[] out) {
        List<String> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                if (i > start) {
                    items.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        if (start < out.length) {
            items.add(new String(out, start, out.length - start, StandardCharsets.UTF_8));
        }
        return items;
    }
}
