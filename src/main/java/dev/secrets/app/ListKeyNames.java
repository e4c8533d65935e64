package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The key names of an encrypted file of any store, for shell completion. Key names are stored in the clear (only
 * values are encrypted), so this needs no identity and decrypts nothing; the sops metadata keys are not listed.
 * A flat file lists its keys; a nested one (YAML, JSON, INI, binary) lists each scalar's path as {@code get} and
 * {@code set} take it, see {@link TreeLeaves#completion}.
 */
public final class ListKeyNames {
    private ListKeyNames() {
    }

    /** Each key name or path once, in file order. */
    public static List<String> run(Path file, Environment env)
            throws FileAccessException, SopsException, DotenvSyntaxException {
        Path path = env.resolve(file);
        SopsTree tree = SecretsFiles.read(FileIo.read(path), path.toString()).tree();
        Set<String> names = new LinkedHashSet<>();
        TreeLeaves.each(tree, (leaf, value) -> names.add(TreeLeaves.completion(leaf)));
        return List.copyOf(names);
    }
}
