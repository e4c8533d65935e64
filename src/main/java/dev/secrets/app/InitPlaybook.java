package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.rotate.PlaybookException;
import dev.secrets.rotate.PlaybookGuesser;
import dev.secrets.rotate.PlaybookLoader;
import dev.secrets.rotate.SecretCopies;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.store.SopsStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code secrets rotate FILE --init}: writes a commented playbook guessed from the file's key names and, when an
 * identity can decrypt it, from what the values are (URLs carrying passwords, values holding copies of another);
 * no value is written or printed. Without an identity it still works, from the names alone, and says so. An
 * existing playbook is never overwritten.
 */
public final class InitPlaybook {
    private InitPlaybook() {
    }

    /** The playbook written and what the person should know about it (copies, URL credentials not covered). */
    public record Result(Path playbook, List<String> notes) {
        /** Copies the list. */
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Writes the playbook beside {@code file} (or at {@code playbook}). */
    public static Result run(Path file, Path playbook, List<Path> identities, Environment env)
            throws FileAccessException, SopsException, DotenvSyntaxException {
        Path source = env.resolve(file);
        Path target = playbook != null ? env.resolve(playbook) : source.resolveSibling(PlaybookLoader.DEFAULT_NAME);
        byte[] bytes = FileIo.read(source);
        ConflictGuard.refuseGitMarkers(bytes, file.toString());
        List<String> keys = SopsStores.choose(null, file.toString(), bytes).readEncrypted(bytes, file.toString())
                .tree().entries()
                .stream().map(TreeItem.Entry::key).distinct().toList();
        List<String> notes = new ArrayList<>();
        Map<String, SecretBytes> values = new LinkedHashMap<>();
        try (Keyring keyring = new Keyring(env, identities);
                OpenedFile opened = SecretsFiles.open(bytes, file.toString(), keyring, true)) {
            for (TreeItem.Entry entry : opened.plain().entries()) {
                values.putIfAbsent(entry.key(), SecretBytes.copyOf(entry.value().bytes()));
            }
        } catch (KeyException | SopsException | RuntimeException e) {
            notes.add("the file could not be decrypted (" + e.getMessage() + "): guessed from key names only, so"
                    + " URLs carrying passwords and copies of credentials were not looked for");
        }
        try {
            PlaybookGuesser.Guess guess = PlaybookGuesser.guess(keys, values);
            notes.addAll(guess.notes());
            if (!values.isEmpty()) {
                List<String> rotated = PlaybookLoader.parse(guess.yaml().getBytes(StandardCharsets.UTF_8),
                        target.toString()).credentials().stream().map(c -> c.key()).toList();
                SecretCopies.uncoveredUrls(values, rotated).forEach(k -> notes.add("[" + k + "] holds a URL with a"
                        + " password that the guessed playbook does not rotate: add an entry for it"));
            }
            AtomicFiles.createNew(target, guess.yaml().getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target,
                    "a playbook is already there; edit it or pass --playbook", e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target, e.getMessage(), e);
        } catch (PlaybookException e) {
            throw new IllegalStateException("the guessed playbook does not load: " + e.getMessage(), e);
        } finally {
            values.values().forEach(SecretBytes::destroy);
        }
        return new Result(target, notes);
    }
}
