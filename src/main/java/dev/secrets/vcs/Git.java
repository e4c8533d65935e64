package dev.secrets.vcs;

import dev.secrets.io.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@code git}, run as a process in one folder with the caller's environment (so a hook sees the
 * {@code GIT_INDEX_FILE} git gave it). Arguments are paths, names and config values, never secret values.
 */
public final class Git {
    private static final long TIMEOUT_SECONDS = 60;
    private static final int MAX_OUTPUT = 64 * 1024 * 1024;
    private final Path folder;
    private final Map<String, String> environment;

    /** Git working in {@code folder} with {@code environment}. */
    public Git(Path folder, Map<String, String> environment) {
        this.folder = folder;
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code git args} and returns its stdout; fails when git is missing or exits non-zero. */
    public byte[] run(String... args) throws GitException {
        ProcessRunner.Result result = capture(args);
        if (result.exitCode() != 0) {
            String first = result.stderr().strip().lines().findFirst().orElse("exit status " + result.exitCode());
            throw new GitException("git " + args[0] + " failed: " + first, null);
        }
        return result.stdout();
    }

    /** Whether git ignores {@code path} ({@code git check-ignore}); fails outside a work tree. */
    public boolean ignored(Path path) throws GitException {
        ProcessRunner.Result result = capture("check-ignore", "-q", "--", path.toString());
        if (result.exitCode() > 1) {
            throw new GitException("git check-ignore failed: exit status " + result.exitCode(), null);
        }
        return result.exitCode() == 0;
    }

    /** {@link #run} as text with the trailing line break removed. */
    public String text(String... args) throws GitException {
        return new String(run(args), StandardCharsets.UTF_8).stripTrailing();
    }

    /** A config value, or empty when it is not set ({@code git config} exits 1). */
    public Optional<String> config(String scope, String name) throws GitException {
        ProcessRunner.Result result = capture(scope == null ? new String[] {"config", "--get", name}
                : new String[] {"config", scope, "--get", name});
        if (result.exitCode() == 1) {
            return Optional.empty();
        }
        if (result.exitCode() != 0) {
            throw new GitException("git config failed: " + result.stderr().strip(), null);
        }
        return Optional.of(new String(result.stdout(), StandardCharsets.UTF_8).stripTrailing());
    }

    /** Sets a config value in {@code scope} ({@code --local} or {@code --global}). */
    public void setConfig(String scope, String name, String value) throws GitException {
        run("config", scope, name, value);
    }

    /** The top folder of the work tree. */
    public Path topLevel() throws GitException {
        String top = text("rev-parse", "--show-toplevel");
        if (top.isEmpty()) {
            throw new GitException("[" + folder + "] is not inside a git work tree", null);
        }
        return Path.of(top);
    }

    /** A path inside the git folder ({@code git rev-parse --git-path}), absolute. */
    public Path gitPath(String name) throws GitException {
        return folder.resolve(text("rev-parse", "--git-path", name)).normalize();
    }

    /** The paths staged for the next commit (added, copied, modified, renamed), relative to the top folder. */
    public List<String> stagedPaths() throws GitException {
        return split(run("diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"));
    }

    /** The size of the staged version of {@code path}. */
    public long stagedSize(String path) throws GitException {
        return Long.parseLong(text("cat-file", "-s", ":" + path));
    }

    /** The staged content of {@code path}. */
    public byte[] staged(String path) throws GitException {
        return run("cat-file", "blob", ":" + path);
    }

    /**
     * Tracked files (index versions) that look like encrypted files: a {@code sops_mac} line (dotenv), a top-level
     * {@code sops:} key (YAML), a {@code "sops"} object one indent deep (JSON, as sops writes it) or a {@code [sops]}
     * section (INI).
     */
    public List<String> encryptedPaths() throws GitException {
        List<String> paths = new ArrayList<>(grepEncrypted(List.of("--cached")));
        // git grep --cached skips unmerged entries, and the conflict recipe runs setup in the middle of a merge:
        // the conflicted files are looked for in HEAD (our side).
        List<String> unmerged = split(run("diff", "--name-only", "-z", "--diff-filter=U"));
        if (!unmerged.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("HEAD", "--"));
            args.addAll(unmerged);
            grepEncrypted(args).stream().map(p -> p.substring("HEAD:".length())).filter(p -> !paths.contains(p))
                    .forEach(paths::add);
        }
        return paths;
    }

    private List<String> grepEncrypted(List<String> where) throws GitException {
        List<String> args = new ArrayList<>(List.of("grep", "-l", "-z", "-I", "-e", "^sops_mac=", "-e",
                "^sops:[[:space:]]*$", "-e", "^[[:space:]]\\{1,8\\}\"sops\": {", "-e", "^[[:space:]]*\\[sops\\]"));
        args.addAll(where);
        ProcessRunner.Result result = capture(args.toArray(String[]::new));
        if (result.exitCode() == 1) {
            return List.of();
        }
        if (result.exitCode() != 0) {
            throw new GitException("git grep failed: " + result.stderr().strip(), null);
        }
        return split(result.stdout());
    }

    /** Of {@code paths}, those whose {@code attribute} is not {@code value} ({@code git check-attr}). */
    public List<String> pathsWithout(List<String> paths, String attribute, String value) throws GitException {
        if (paths.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("check-attr", "-z", attribute, "--"));
        args.addAll(paths);
        List<String> fields = split(run(args.toArray(String[]::new)));
        List<String> without = new ArrayList<>();
        for (int i = 0; i + 2 < fields.size(); i += 3) {
            if (!fields.get(i + 2).equals(value)) {
                without.add(fields.get(i));
            }
        }
        return without;
    }

    private static List<String> split(byte[] nulSeparated) {
        List<String> parts = new ArrayList<>();
        for (String p : new String(nulSeparated, StandardCharsets.UTF_8).split("\u0000")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private ProcessRunner.Result capture(String... args) throws GitException {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        try {
            return ProcessRunner.capture(command, environment, null, TIMEOUT_SECONDS, MAX_OUTPUT);
        } catch (IOException e) {
            throw new GitException("git could not be run (is it installed and on PATH?)", e);
        }
    }
}
