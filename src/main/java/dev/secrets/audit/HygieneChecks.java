package dev.secrets.audit;

import dev.secrets.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The git checks of {@code doctor}: plaintext dotenv files, private keys and this tool's leftovers (backups,
 * rejected edits, journals, locks) that are tracked or not ignored, and plaintext dotenv files committed in the
 * past. Also lists the encrypted files of the work tree for the other checks.
 */
public final class HygieneChecks {
    /** The largest file read to look for private keys and sops metadata. */
    static final int MAX_READ = 8 * 1024 * 1024;
    private final Git git;
    private final BiPredicate<String, byte[]> encryptedFile;

    /** Checks on {@code git}'s work tree, where encrypted files are the sops dotenv ones. */
    public HygieneChecks(Git git) {
        this(git, (name, content) -> FileNames.isSopsDotenv(content));
    }

    /**
     * Checks on {@code git}'s work tree, where {@code encryptedFile} tells from a path (relative to the root) and
     * its content whether it is an encrypted file (the caller knows the stores; this package does not).
     */
    public HygieneChecks(Git git, BiPredicate<String, byte[]> encryptedFile) {
        this.git = git;
        this.encryptedFile = encryptedFile;
    }

    /**
     * What was found.
     *
     * @param findings the problems
     * @param encrypted the encrypted (sops) files in the work tree (tracked or not ignored), relative to the root
     * @param keyFiles files in the work tree holding a private key
     */
    public record Result(List<Finding> findings, List<String> encrypted, List<Path> keyFiles) {
    }

    /** Runs every git check. */
    public Result run() throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<String> encrypted = new ArrayList<>();
        List<Path> keyFiles = new ArrayList<>();
        Map<String, Boolean> files = new LinkedHashMap<>();
        git.tracked().forEach(f -> files.put(f, true));
        git.untrackedNotIgnored().forEach(f -> files.putIfAbsent(f, false));
        for (Map.Entry<String, Boolean> entry : files.entrySet()) {
            String name = entry.getKey();
            boolean tracked = entry.getValue();
            Path path = git.root().resolve(name);
            if (!Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String state = tracked ? "tracked" : "not ignored";
            String unTrack = tracked ? "git rm --cached '" + name + "', then " : "";
            var leftover = FileNames.leftover(name);
            if (leftover.isPresent()) {
                findings.add(Finding.fail("git.leftover", name, leftover.get() + " is " + state + ": " + unTrack
                        + "add it to .gitignore (and delete it once it is not needed)"));
            }
            if (Files.size(path) > MAX_READ) {
                continue;
            }
            byte[] content = BoundedFiles.read(path, MAX_READ);
            try {
                boolean sops = encryptedFile.test(name, content);
                if (sops && leftover.isEmpty()) {
                    encrypted.add(name);
                } else if (!sops && FileNames.isDotenvName(name) && !name.endsWith(".rotations")) {
                    findings.add(Finding.fail("git.plaintext-dotenv", name, "a plaintext dotenv file is " + state
                            + ": " + unTrack + "add it to .gitignore; keep it encrypted ('secrets encrypt " + name
                            + " -o " + name + ".enc')"));
                }
                if (FileNames.holdsPrivateKey(content)) {
                    keyFiles.add(path);
                    findings.add(Finding.fail("git.private-key", name, "a private key is " + state + ": "
                            + unTrack + "move it out of the repository (e.g. ~/.config/sops/age/keys.txt); if it"
                            + " was ever pushed, treat it as exposed (docs/incident-response.md)"));
                }
            } finally {
                java.util.Arrays.fill(content, (byte) 0);
            }
        }
        findings.addAll(pastPlaintext(files));
        return new Result(findings, encrypted, keyFiles);
    }

    /** Plaintext dotenv files some commit added that are no longer tracked (still readable in history). */
    private List<Finding> pastPlaintext(Map<String, Boolean> now) throws IOException {
        List<Finding> findings = new ArrayList<>();
        Map<String, RawLog.Change> added = new LinkedHashMap<>();
        git.rawLog(change -> {
            if (FileNames.isDotenvName(change.path()) && !Boolean.TRUE.equals(now.get(change.path()))) {
                added.merge(change.path(), change, (a, b) -> b.time() < a.time() ? b : a);
            }
        }, "--all", "--diff-filter=A");
        for (RawLog.Change change : added.values()) {
            byte[] content = git.blob(change.blob());
            boolean sops = FileNames.isSopsDotenv(content);
            java.util.Arrays.fill(content, (byte) 0);
            if (sops) {
                continue;
            }
            findings.add(Finding.fail("git.plaintext-in-history", change.path() + " @ " + change.commit().substring(0, 12),
                    "a plaintext dotenv file was committed: its values are in the history; rotate them"
                            + " ('secrets rotate FILE --all'), check with 'secrets scan-history'"));
        }
        return findings;
    }
}
