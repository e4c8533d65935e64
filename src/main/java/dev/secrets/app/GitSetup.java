package dev.secrets.app;

import dev.secrets.io.Environment;
import dev.secrets.vcs.Git;
import dev.secrets.vcs.GitException;
import dev.secrets.vcs.GitFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code secrets git setup}: the {@code .gitattributes} lines, the diff and merge driver config and the
 * pre-commit hook, for one repository or (with {@code global}) the user's git config and attributes file.
 * Idempotent: what is already there is left alone; an existing foreign hook is kept as
 * {@code pre-commit.legacy} and run first, never overwritten. {@code check} only reports.
 */
public final class GitSetup {
    private GitSetup() {
    }

    /**
     * What to set up.
     *
     * @param global the user's config instead of the repository's (no hook: hooks are per repository)
     * @param check only report what is and is not set up
     * @param mask make diffs show fingerprints instead of values
     * @param command how git should call {@code secrets} (a shell word; {@code secrets} on PATH by default)
     * @param patterns the attribute patterns of encrypted files ({@link GitFiles#DEFAULT_PATTERNS} when empty)
     */
    public record Request(boolean global, boolean check, boolean mask, String command, List<String> patterns) {
    }

    /** One thing set up: whether it is (now) in place, what was done or is missing. */
    public record Item(String name, boolean ok, String detail) {
    }

    /** Every item; {@code complete} when all are in place. */
    public record Result(List<Item> items) {
        /** True when nothing is missing. */
        public boolean complete() {
            return items.stream().allMatch(Item::ok);
        }
    }

    /** Sets up (or checks) as requested. */
    public static Result run(Request request, Environment env) throws GitException, FileAccessException {
        Git git = new Git(env.workingDirectory(), env.variables());
        String scope = request.global() ? "--global" : "--local";
        Path attributes = request.global() ? globalAttributes(git, env) : git.topLevel().resolve(".gitattributes");
        List<String> patterns = request.patterns().isEmpty() ? GitFiles.DEFAULT_PATTERNS : request.patterns();
        // Without --command, whatever path to secrets is configured is kept (and accepted by --check).
        boolean anyCommand = request.command() == null;
        String command = GitFiles.shellWord(anyCommand ? "secrets" : request.command());
        List<Item> items = new ArrayList<>();
        items.add(attributes(attributes, patterns, request.check()));
        for (GitFiles.ConfigEntry entry : GitFiles.driverConfig(request.mask())) {
            items.add(config(git, scope, entry, command, anyCommand, request.check()));
        }
        if (!request.global()) {
            items.add(trackedFiles(git, attributes, request.check()));
            items.add(ignores(git.topLevel().resolve(".gitignore"), request.check()));
            items.add(hook(git.gitPath("hooks").resolve("pre-commit"), command, anyCommand, request.check()));
        }
        return new Result(items);
    }

    private static Path globalAttributes(Git git, Environment env) throws GitException {
        Optional<String> configured = git.config("--global", "core.attributesFile");
        if (configured.isPresent()) {
            String p = configured.get();
            Path home = env.get("HOME").map(Path::of).orElse(env.home());
            return p.startsWith("~/") ? home.resolve(p.substring(2)) : env.resolve(Path.of(p));
        }
        // Where git itself looks: $XDG_CONFIG_HOME, else $HOME/.config (git follows $HOME, so do we).
        Path home = env.get("HOME").map(Path::of).orElse(env.home());
        Path config = env.get("XDG_CONFIG_HOME").map(Path::of).orElse(home.resolve(".config"));
        return config.resolve("git").resolve("attributes");
    }

    private static Item attributes(Path file, List<String> patterns, boolean check) throws FileAccessException {
        String current = Files.exists(file) ? new String(FileIo.read(file), StandardCharsets.UTF_8) : "";
        List<String> missing = GitFiles.missingPatterns(current, patterns);
        String name = "attributes " + file;
        if (missing.isEmpty()) {
            return new Item(name, true, "has " + patterns);
        }
        if (check) {
            return new Item(name, false, "lacks " + missing.stream().map(GitFiles::attributeLine).toList());
        }
        mkdirs(file.getParent());
        FileIo.write(file, GitFiles.withPatterns(current, missing).getBytes(StandardCharsets.UTF_8),
                Files.exists(file) ? null : PosixFilePermissions.fromString("rw-r--r--"));
        return new Item(name, true, "added " + missing.stream().map(GitFiles::attributeLine).toList());
    }

    /** The names of the files the tool leaves behind (backups, rejected edits, journals) go into .gitignore. */
    private static Item ignores(Path file, boolean check) throws FileAccessException {
        String current = Files.exists(file) ? new String(FileIo.read(file), StandardCharsets.UTF_8) : "";
        List<String> present = current.lines().map(String::strip).toList();
        List<String> missing = LeftBehind.GITIGNORE_LINES.stream().filter(l -> !present.contains(l)).toList();
        String name = "ignore " + file;
        if (missing.isEmpty()) {
            return new Item(name, true, "has " + LeftBehind.GITIGNORE_LINES);
        }
        if (check) {
            return new Item(name, false, "lacks " + missing);
        }
        String text = current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n")
                + "# left behind by secrets (backups, rejected edits, journals)\n" + String.join("\n", missing) + "\n";
        FileIo.write(file, text.getBytes(StandardCharsets.UTF_8),
                Files.exists(file) ? null : PosixFilePermissions.fromString("rw-r--r--"));
        return new Item(name, true, "added " + missing);
    }

    /** Tracked encrypted files the patterns miss get a line of their own (so every one diffs and merges). */
    private static Item trackedFiles(Git git, Path attributes, boolean check) throws GitException, FileAccessException {
        List<String> encrypted = git.encryptedPaths();
        List<String> uncovered = new ArrayList<>(git.pathsWithout(encrypted, "merge", GitFiles.DRIVER));
        git.pathsWithout(encrypted, "diff", GitFiles.DRIVER).stream().filter(p -> !uncovered.contains(p))
                .forEach(uncovered::add);
        String name = "tracked encrypted files";
        if (uncovered.isEmpty()) {
            return new Item(name, true, encrypted.size() + " covered by the attributes");
        }
        if (check) {
            return new Item(name, false, "not covered: " + uncovered + " (run setup, or give --pattern)");
        }
        List<String> patterns = uncovered.stream().map(p -> "/" + p.replace(" ", "[[:space:]]")).toList();
        return attributes(attributes, patterns, false);
    }

    private static Item config(Git git, String scope, GitFiles.ConfigEntry entry, String command,
            boolean anyCommand, boolean check) throws GitException {
        String key = entry.name();
        String wanted = entry.valueFor(command);
        Optional<String> current = git.config(null, key);
        String name = "config " + key;
        if (current.isPresent() && (current.get().equals(wanted)
                || anyCommand && entry.matchesAnyCommand(current.get()))) {
            return new Item(name, true, current.get());
        }
        String upgraded = anyCommand && current.isPresent() ? entry.upgrade(current.get()) : null;
        if (check) {
            return new Item(name, false, current.map(c -> "is [" + c + "], expected [" + (upgraded != null ? upgraded
                    + "] (written by an older setup; run 'secrets git setup' to update it)" : wanted + "]"))
                    .orElse("is not set"));
        }
        String value = upgraded != null ? upgraded : wanted;
        git.setConfig(scope, key, value);
        return new Item(name, true, "set to " + value);
    }

    private static Item hook(Path hook, String command, boolean anyCommand, boolean check)
            throws FileAccessException {
        String name = "pre-commit hook " + hook;
        Path chained = hook.resolveSibling(hook.getFileName() + GitFiles.CHAINED_SUFFIX);
        boolean exists = Files.exists(hook);
        String current = exists ? new String(FileIo.read(hook), StandardCharsets.UTF_8) : "";
        String wanted = GitFiles.hookScript(command);
        if (exists && GitFiles.isOurHook(current) && (anyCommand || current.equals(wanted))) {
            return new Item(name, true, Files.exists(chained) ? "installed, runs " + chained + " first" : "installed");
        }
        if (check) {
            return new Item(name, false, !exists ? "not installed"
                    : GitFiles.isOurHook(current) ? "installed for another command" : "another hook is there");
        }
        mkdirs(hook.getParent());
        String detail = "installed";
        if (exists && !GitFiles.isOurHook(current)) {
            if (Files.exists(chained)) {
                throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, hook, "both it and "
                        + chained.getFileName() + " exist; merge them by hand, then run setup again", null);
            }
            try {
                Files.move(hook, chained);
            } catch (IOException e) {
                throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, chained, e.getMessage(), e);
            }
            detail = "installed; the hook that was there is kept as " + chained + " and runs first";
        }
        FileIo.write(hook, wanted.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Item(name, true, detail);
    }

    private static void mkdirs(Path folder) throws FileAccessException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, folder, e.getMessage(), e);
        }
    }
}
