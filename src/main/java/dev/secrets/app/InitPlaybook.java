package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.Environment;
import dev.secrets.rotate.PlaybookGuesser;
import dev.secrets.rotate.PlaybookLoader;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.store.SopsStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code secrets rotate FILE --init}: writes a commented playbook guessed from the file's key names. Key names
 * are not encrypted, so no identity is needed; an existing playbook is never overwritten.
 */
public final class InitPlaybook {
    private InitPlaybook() {
    }

    /** Writes the playbook beside {@code file} (or at {@code playbook}) and returns its path. */
    public static Path run(Path file, Path playbook, Environment env)
            throws FileAccessException, SopsException, DotenvSyntaxException {
        Path source = env.resolve(file);
        Path target = playbook != null ? env.resolve(playbook) : source.resolveSibling(PlaybookLoader.DEFAULT_NAME);
        byte[] bytes = FileIo.read(source);
        List<String> keys = SopsStores.choose(null, file.toString(), bytes).readEncrypted(bytes, file.toString())
                .tree().entries()
                .stream().map(TreeItem.Entry::key).distinct().toList();
        try {
            AtomicFiles.createNew(target, PlaybookGuesser.guess(keys).getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target,
                    "a playbook is already there; edit it or pass --playbook", e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target, e.getMessage(), e);
        }
        return target;
    }
}
