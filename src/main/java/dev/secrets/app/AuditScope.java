package dev.secrets.app;

import dev.secrets.audit.Git;
import dev.secrets.audit.HygieneChecks;
import dev.secrets.io.Environment;
import dev.secrets.sops.store.SopsStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the audit commands work on: the git repository of a folder and its encrypted files (tracked or not
 * ignored), or the files named explicitly.
 *
 * @param git the repository
 * @param hygiene the git checks' result (which also lists the encrypted files)
 * @param files the encrypted files to look at, absolute
 */
record AuditScope(Git git, HygieneChecks.Result hygiene, List<Path> files) {
    /** The repository containing {@code path} (default: the working folder) and its encrypted files. */
    static AuditScope of(Path path, List<Path> explicitFiles, Environment env)
            throws NotARepositoryException, FileAccessException {
        Path dir = env.resolve(path == null ? Path.of(".") : path);
        Git git = Git.at(java.nio.file.Files.isDirectory(dir) ? dir : dir.getParent(), env.variables())
                .orElseThrow(() -> new NotARepositoryException(dir));
        try {
            HygieneChecks.Result hygiene = new HygieneChecks(git, SopsStores::looksEncrypted).run();
            List<Path> files = new ArrayList<>();
            if (explicitFiles.isEmpty()) {
                hygiene.encrypted().forEach(f -> files.add(git.root().resolve(f)));
            } else {
                explicitFiles.forEach(f -> files.add(env.resolve(f)));
            }
            return new AuditScope(git, hygiene, files);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, git.root(), e.getMessage(), e);
        }
    }

    /** {@code file} relative to the repository root, for messages. */
    String name(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(git.root()) ? git.root().relativize(abs).toString() : file.toString();
    }
}
