package dev.secrets.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real git repository in a test folder, driven through the real {@code git} command line. */
public final class HistoryRepo {
    private final Path root;

    private HistoryRepo(Path root) {
        this.root = root;
    }

    /** {@code git init} in {@code root} (created if needed), with a test identity and no global config. */
    public static HistoryRepo init(Path root) throws Exception {
        Programs.require("git", "apt-get install -y git");
        Files.createDirectories(root);
        HistoryRepo repo = new HistoryRepo(root);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.email", "test@example.com");
        repo.git("config", "user.name", "Test");
        repo.git("config", "commit.gpgsign", "false");
        return repo;
    }

    /** The work tree. */
    public Path root() {
        return root;
    }

    /** Writes {@code text} to {@code path} (relative to the root), creating folders. */
    public Path write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** {@code git add -A && git commit}; returns the new commit id. */
    public String commitAll(String message) throws Exception {
        return commitAll(message, null);
    }

    /** As {@link #commitAll(String)}, with author and committer date {@code date} (ISO-8601) when not null. */
    public String commitAll(String message, String date) throws Exception {
        git("add", "-A");
        List<String> args = new ArrayList<>(List.of("commit", "-q", "--allow-empty", "-m", message));
        if (date != null) {
            args.add("--date=" + date);
        }
        run(date == null ? Map.of() : Map.of("GIT_COMMITTER_DATE", date), args.toArray(String[]::new));
        return git("rev-parse", "HEAD").strip();
    }

    /** Runs git with {@code args} in the repository and returns stdout; fails the test on a non-zero exit. */
    public String git(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private String run(Map<String, String> extra, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("GIT_CONFIG_NOSYSTEM", "1", "HOME", root.toString()));
        env.putAll(extra);
        Programs.Output out = Programs.run(command, null, env, List.of());
        assertEquals(0, out.exitCode(), "git " + String.join(" ", args) + ": " + out.text());
        return out.text();
    }
}
