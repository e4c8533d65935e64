package dev.secrets.app;

import dev.secrets.age.IdentityDiscovery;
import dev.secrets.audit.Finding;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.Environment;
import dev.secrets.io.PrivateTempDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a process killed with {@code kill -9} (or a power loss) leaves, and who removes it. A killed process runs no
 * clean-up, so every command starts by removing the leftovers of dead processes in the places the tool owns; only
 * leftovers whose owner is provably gone are touched (see {@link PrivateTempDir} and
 * {@link AtomicFiles#removeAbandonedTemps}):
 * <ul>
 *   <li>private temporary folders {@code secrets-<pid>-*} (the plaintext of {@code edit}, {@code exec --file})
 *       in {@code $XDG_RUNTIME_DIR}, {@code /dev/shm}, {@code $TMPDIR} and the JVM's temp dir: wiped;
 *   <li>{@code .NAME.tmp-*} copies beside the keys files ({@code keygen}'s copy of every private key) and in the
 *       working folder ({@code decrypt -o}, {@code render --out}, any writer): deleted;
 *   <li>{@code .FILE.tmp-*} beside a file a command reads or writes: deleted by that command ({@link FileIo}).
 * </ul>
 * {@code doctor} reports the rest: abandoned copies in the repository's other folders, and whatever could not be
 * removed.
 */
public final class Leftovers {
    private Leftovers() {
    }

    /** Removes the leftovers of dead processes in the places every command owns; never fails. */
    public static void clean(Environment env) {
        PrivateTempDir.removeAbandoned(PrivateTempDir.candidateRoots(env));
        try {
            AtomicFiles.removeAbandonedTempsIn(env.workingDirectory());
        } catch (IOException | RuntimeException e) {
            // best effort: doctor reports what stays
        }
        for (Path keys : keyFiles(env)) {
            try {
                AtomicFiles.removeAbandonedTemps(keys);
            } catch (IOException | RuntimeException e) {
                // best effort
            }
        }
    }

    /** {@code doctor}'s findings: leftovers still present in the temp roots, beside keys files, in {@code folders}. */
    static List<Finding> findings(Environment env, List<Path> folders) {
        List<Finding> findings = new ArrayList<>();
        List<Path> roots = PrivateTempDir.candidateRoots(env);
        for (Path folder : PrivateTempDir.abandoned(roots)) {
            findings.add(Finding.fail("leftover.private-folder", folder.toString(), "a killed secrets process left"
                    + " this private folder (it may hold plaintext) and it could not be removed: check its owner,"
                    + " then 'rm -rf' it"));
        }
        for (Path folder : PrivateTempDir.unattributed(roots)) {
            findings.add(Finding.warn("leftover.private-folder", folder.toString(), "a private folder of an older"
                    + " secrets version (it may hold plaintext); if no secrets command is running, 'rm -rf' it"));
        }
        Set<Path> places = new LinkedHashSet<>(folders);
        keyFiles(env).forEach(k -> places.add(k.toAbsolutePath().getParent()));
        for (Path folder : places) {
            try {
                for (Path temp : AtomicFiles.abandonedTemps(folder, ".")) {
                    findings.add(Finding.fail("leftover.temp-file", temp.toString(), "the temporary copy of a write"
                            + " that was killed (it may hold plaintext or private keys; no live process has it open):"
                            + " delete it ('rm' it)"));
                }
            } catch (IOException | RuntimeException e) {
                // a folder we cannot list holds nothing we could report
            }
        }
        return findings;
    }

    private static List<Path> keyFiles(Environment env) {
        List<Path> files = new ArrayList<>();
        Optional<Path> standard = IdentityDiscovery.defaultKeysFile(env);
        standard.ifPresent(files::add);
        env.get("SOPS_AGE_KEY_FILE").filter(s -> !s.isBlank()).map(s -> env.resolve(Path.of(s)))
                .filter(p -> !files.contains(p)).ifPresent(files::add);
        return files;
    }
}
