package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.store.DotenvSopsStore;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The key names of an encrypted file, for shell completion. Key names are stored in the clear (only values are
 * encrypted), so this needs no identity and decrypts nothing; the sops metadata keys are not listed.
 */
public final class ListKeyNames {
    private ListKeyNames() {
    }

    /** Each key name once, in file order. */
    public static List<String> run(Path file, Environment env)
            throws FileAccessException, SopsException, DotenvSyntaxException {
        Path path = env.resolve(file);
        Set<String> names = new LinkedHashSet<>();
        for (TreeItem.Entry entry : DotenvSopsStore.readEncrypted(FileIo.read(path), path.toString()).tree().entries()) {
            names.add(entry.key());
        }
        return List.copyOf(names);
    }
}
