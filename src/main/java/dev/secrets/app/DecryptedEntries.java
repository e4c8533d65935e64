package dev.secrets.app;

import dev.secrets.dotenv.DotenvWriter;
import dev.secrets.sops.store.DotenvSopsStore;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.render.RenderEntry;
import dev.secrets.render.RenderException;
import dev.secrets.render.Selection;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.TypedValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The selected, decrypted entries of one file, for {@link RenderEnv} and {@link ExecWithSecrets}: the file is
 * opened with its MAC verified, comments and blank lines are left out, and {@link #close()} wipes the values.
 *
 * @param entries the selected entries in file order
 * @param warnings things the user should know
 * @param notes identity sources, for {@code --verbose}
 * @param sopsText the whole file as {@code sops decrypt} prints it (comments kept, blank lines dropped), or null
 *     when not asked for or a selection was made
 */
record DecryptedEntries(List<RenderEntry> entries, List<String> warnings, List<String> notes, byte[] sopsText)
        implements AutoCloseable {

    /**
     * Reads {@code input} (or {@code stdin} when it is null), decrypts, verifies and selects from the top level or
     * the mapping at {@code path}; with {@code wantSopsText} also keeps the whole file as sops prints it (for the
     * dotenv format).
     */
    static DecryptedEntries open(Path input, byte[] stdin, List<String> only, List<String> except, String path,
            List<Path> identities, boolean wantSopsText, Environment env) throws FileAccessException, DotenvSyntaxException,
            SopsException, KeyException, RenderException, UsageException {
        if (!only.isEmpty() && !except.isEmpty()) {
            throw new UsageException(UsageException.Kind.CONFLICT, "--only and --except cannot be used together");
        }
        Selection selection = only.isEmpty() ? Selection.except(except) : Selection.only(only);
        byte[] bytes = input != null ? FileIo.read(env.resolve(input)) : stdin;
        String source = input != null ? input.toString() : "stdin";
        List<RenderEntry> all = new ArrayList<>();
        try (Keyring keyring = new Keyring(env, identities);
                OpenedFile opened = SecretsFiles.open(bytes, source, keyring, true)) {
            for (TreeItem item : items(opened.plain(), path, source)) {
                if (item instanceof TreeItem.Nested nested && !(nested.value() instanceof TreeValue.Null)
                        && !(nested.value() instanceof TreeValue.Mapping m && m.items().isEmpty())) {
                    List<Object> at = new ArrayList<>(path == null ? List.of() : TreePath.lookup(path, opened.plain())
                            .components());
                    at.add(nested.key());
                    String named = at.size() == 1 ? nested.key() : new TreePath(at).toString();
                    String option = at.size() == 1 && nested.key().matches("[A-Za-z0-9_-]+") ? nested.key()
                            : "'" + new TreePath(at) + "'";
                    throw new UsageException(UsageException.Kind.UNSUPPORTED, "[" + source + "] key [" + named
                            + "] holds a " + (nested.value() instanceof TreeValue.Mapping
                            ? "mapping: render and exec take plain values; take this one's with --path " + option
                            : "list: render and exec take plain values only"));
                }
                if (item instanceof TreeItem.Entry entry) {
                    // Typed values (sops `set` numbers and booleans) as sops prints them: 8080.0, true.
                    all.add(new RenderEntry(entry.key(), TypedValues.dotenvBytes(entry.value())));
                }
            }
            List<RenderEntry> selected = selection.apply(all);
            // Identity, not equality: entries are matched by the very object selected, in one pass (a List
            // lookup per entry made render quadratic in the number of keys).
            Set<RenderEntry> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(selected);
            for (RenderEntry entry : all) {
                if (!kept.contains(entry)) {
                    entry.wipe();
                }
            }
            List<String> notes = keyring.notes();
            byte[] sopsText = wantSopsText && only.isEmpty() && except.isEmpty() && path == null
                    ? DotenvWriter.emitAsSops(DotenvSopsStore.toPlain(opened.plain())) : null;
            return new DecryptedEntries(selected, opened.warnings(), notes, sopsText);
        } catch (RuntimeException | RenderException e) {
            all.forEach(RenderEntry::wipe);
            throw e;
        }
    }

    /** The items of the top level, or of the mapping at {@code path}. */
    private static List<TreeItem> items(SopsTree tree, String path, String source) throws UsageException {
        if (path == null) {
            return tree.items();
        }
        TreePath at;
        try {
            at = TreePath.lookup(path, tree);
        } catch (IllegalArgumentException e) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "--path [" + path + "]: " + e.getMessage());
        }
        TreeValue value = at.get(tree);
        if (value == null) {
            throw new UsageException(UsageException.Kind.KEY_NOT_FOUND, "--path [" + path + "] is not in [" + source
                    + "]");
        }
        if (!(value instanceof TreeValue.Mapping mapping)) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "--path [" + path + "] in [" + source
                    + "] is not a mapping; render and exec take the plain values of a mapping");
        }
        return mapping.items();
    }

    /** Zeroes every value. */
    @Override
    public void close() {
        entries.forEach(RenderEntry::wipe);
        if (sopsText != null) {
            java.util.Arrays.fill(sopsText, (byte) 0);
        }
    }
}
