package dev.secrets.app;

import dev.secrets.age.AgeFiles;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files the tool leaves beside an encrypted file, and what happens to them when the file's recipients or
 * credentials change, so that none of them leaks:
 * <ul>
 *   <li>{@code FILE.backup-<time>} (rotate's copy of the file before its first change) holds the retired
 *       credentials, sealed to the old recipients: removed once a run has succeeded, and by {@code updatekeys};
 *       kept after a failure, for recovery by hand, and then removed by the next successful run;
 *   <li>{@code FILE.rejected-<time>.age} (an edit that could not be saved) is the person's own text: it is
 *       re-sealed to the new recipients by {@code updatekeys}, so a removed identity cannot open it.
 * </ul>
 * {@link #GITIGNORE} lists their names for {@code .gitignore}.
 */
final class LeftBehind {
    /** The {@code .gitignore} lines that keep every leftover out of git. */
    static final String GITIGNORE = "*.backup-*  *.rejected-*.age  .*.rotation-journal  .*.tmp-*";

    /** {@link #GITIGNORE}, one pattern per {@code .gitignore} line. */
    static final List<String> GITIGNORE_LINES = List.of(GITIGNORE.split(" {2}"));

    private LeftBehind() {
    }

    /** Removes every {@code FILE.backup-*} beside {@code file}; returns one note per file removed or left. */
    static List<String> removeBackups(Path file) {
        List<String> notes = new ArrayList<>();
        for (Path backup : siblings(file, file.getFileName() + ".backup-*")) {
            try {
                Files.deleteIfExists(backup);
                notes.add("removed " + backup.getFileName() + " (it held the retired values)");
            } catch (IOException e) {
                notes.add("could not remove " + backup + " (" + e.getMessage() + "); it holds retired values:"
                        + " delete it by hand");
            }
        }
        return notes;
    }

    /** Re-seals every {@code FILE.rejected-*.age} beside {@code file} to {@code recipients}; one note per file. */
    static List<String> resealRejected(Path file, List<String> recipients, Keyring keyring) {
        List<String> notes = new ArrayList<>();
        for (Path rejected : siblings(file, file.getFileName() + ".rejected-*.age")) {
            try {
                byte[] sealed = FileIo.read(rejected);
                SecretBytes text = AgeFiles.decrypt(sealed, keyring.identities(), "[" + rejected.getFileName() + "]");
                try {
                    FileIo.write(rejected, AgeFiles.encrypt(text, recipients, true), null);
                } finally {
                    text.destroy();
                }
                notes.add("re-sealed " + rejected.getFileName() + " to the new recipients");
            } catch (KeyException | FileAccessException e) {
                notes.add("could not re-seal " + rejected.getFileName() + " (" + e.getMessage() + "): a removed"
                        + " identity may still open it; recover it with 'secrets edit --from' or delete it");
            }
        }
        return notes;
    }

    private static List<Path> siblings(Path file, String glob) {
        List<Path> out = new ArrayList<>();
        Path folder = file.toAbsolutePath().getParent();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, glob)) {
            stream.forEach(p -> {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            });
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
