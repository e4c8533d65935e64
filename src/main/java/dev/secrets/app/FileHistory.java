package dev.secrets.app;

import dev.secrets.audit.Git;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The versions an encrypted file had in git (every ref), newest first: still encrypted, as committed. */
final class FileHistory {
    private FileHistory() {
    }

    /**
     * One committed version.
     *
     * @param commit the commit id
     * @param time the commit's time
     * @param bytes the file as committed (encrypted)
     */
    record Version(String commit, Instant time, byte[] bytes) {
        /** The short commit id for messages. */
        String shortCommit() {
            return commit.substring(0, Math.min(12, commit.length()));
        }
    }

    /** Every version of {@code file} (inside {@code git}'s work tree), newest first; none when it is outside. */
    static List<Version> of(Git git, Path file) throws IOException {
        Path root = git.root().toRealPath();
        Path real = file.toAbsolutePath().normalize();
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            // A deleted file still has a history: use the path as given.
        }
        if (!real.startsWith(root)) {
            return List.of();
        }
        String relative = root.relativize(real).toString().replace('\\', '/');
        List<Version> versions = new ArrayList<>();
        for (Git.Version v : git.versions(relative)) {
            versions.add(new Version(v.commit(), Instant.ofEpochSecond(v.time()), git.blob(v.blob())));
        }
        return versions;
    }
}
