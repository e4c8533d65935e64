package dev.secrets.app;

import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import dev.secrets.vcs.ConflictMarkers;
import dev.secrets.vcs.TreeDiff;
import java.util.List;

/**
 * The paths inside git's conflict markers in an encrypted YAML, JSON or INI file, whose lines do not name them
 * (a line {@code     password: ENC[...]} is three levels down in a mapping): both versions the markers hold
 * are read as encrypted files and compared path by path. Unchanged values keep their ciphertext, so the paths
 * whose stored text differs are the ones in conflict; nothing is decrypted.
 */
final class NestedConflictPaths {
    private NestedConflictPaths() {
    }

    /** {@code found} with the conflicting paths named, when {@code bytes} is a nested store (else as it is). */
    static ConflictMarkers.Found named(byte[] bytes, String source, ConflictMarkers.Found found) {
        List<byte[]> sides = ConflictMarkers.sides(bytes);
        try {
            SopsStore store = SopsStores.choose(null, source, sides.get(0));
            if (store.name().equals("dotenv")) {
                return found;
            }
            SopsDocument ours = store.readEncrypted(sides.get(0), source);
            SopsDocument theirs = store.readEncrypted(sides.get(1), source);
            List<String> paths = TreeDiff.paths(ours.tree(), theirs.tree());
            boolean metadata = !ours.metadata().equals(theirs.metadata());
            // No path differs: comments do (they are not compared), or only the metadata.
            return new ConflictMarkers.Found(found.line(), paths, metadata, paths.isEmpty());
        } catch (SopsException | dev.secrets.dotenv.DotenvSyntaxException | RuntimeException e) {
            // A side that does not parse (markers inside a value's lines): say what the lines show.
            return new ConflictMarkers.Found(found.line(), List.of(), found.metadata(), true);
        }
    }
}
