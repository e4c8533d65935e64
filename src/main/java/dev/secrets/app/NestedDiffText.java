package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.ValueCipher;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;

/**
 * {@link GitDiffText} for encrypted YAML, JSON and INI files: the decrypted document without its {@code sops} metadata,
 * in the file's own format (a binary file: its decrypted content); without an identity every encrypted value is {@code <encrypted> (ciphertext ...)};
 * masked, every scalar is a fingerprint keyed by its path and value. Anything else is returned as it is.
 */
final class NestedDiffText {
    private static final String JSON_HIDDEN = GitDiffText.HIDDEN.replace("<", "\\u003c").replace(">", "\\u003e");
    private NestedDiffText() {
    }

    static byte[] text(byte[] bytes, String source, GitDiffText.Request request, Environment env) {
        SopsStore store;
        SopsDocument stored;
        try {
            store = SopsStores.choose(null, source, bytes);
            // A binary file is one value: its decrypted content is what a reviewer needs to see, not the envelope.
            if (!java.util.Set.of("yaml", "json", "ini", "binary").contains(store.name()) || !store.looksEncrypted(bytes)) {
                return bytes;
            }
            ConflictGuard.refuseGitMarkers(bytes, source);
            stored = store.readEncrypted(bytes, source);
        } catch (SopsException | DotenvSyntaxException | RuntimeException e) {
            return bytes;
        }
        try (Keyring keyring = new Keyring(env, request.identities())) {
            boolean mask = request.mask() || env.get("SECRETS_DIFF_MASK").filter("1"::equals).isPresent();
            String note = null;
            OpenedFile first;
            try {
                first = SecretsFiles.openConflicted(bytes, source, store, keyring, true);
            } catch (SopsException.MacMismatch e) {
                first = SecretsFiles.openConflicted(bytes, source, store, keyring, false);
                note = "# secrets: the MAC of this version does not verify (changed outside secrets or sops)";
            }
            try (OpenedFile opened = first) {
                byte[] text = mask ? ended(store, store.emitPlain(masked(opened))) : store.emitPlain(opened.plain());
                return withNote(note, text);
            }
        } catch (KeyException e) {
            return hidden(store, stored, "# secrets: no identity can decrypt this file; values are shown as "
                    + GitDiffText.HIDDEN);
        } catch (SopsException | DotenvSyntaxException | RuntimeException e) {
            return hidden(store, stored, "# secrets: this version cannot be decrypted ("
                    + (e instanceof RuntimeException ? "unexpected error" : e.getMessage()) + "); values are shown as " + GitDiffText.HIDDEN);
        }
    }

    private static SopsTree masked(OpenedFile opened) {
        Mac mac = GitDiffText.maskMac(opened);
        List<List<TreeItem>> branches = new ArrayList<>();
        for (List<TreeItem> branch : opened.plain().branches()) {
            branches.add(items(branch, "", (path, s) -> {
                mac.update(path.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
                byte[] value = s.bytes();
                mac.update(value);
                SecretBytes.wipe(value);
                return Scalar.str("[mask:" + HexFormat.of().formatHex(mac.doFinal(), 0, 4) + "]");
            }));
        }
        return SopsTree.ofBranches(branches);
    }

    private static byte[] hidden(SopsStore store, SopsDocument stored, String note) {
        UnaryOperator<Scalar> hide = s -> ValueCipher.looksEncrypted(s.text()) ? Scalar.str(GitDiffText.HIDDEN
                + " (ciphertext " + GitDiffText.ciphertextPrint(s.text()) + ")") : s;
        List<List<TreeItem>> branches = new ArrayList<>();
        for (List<TreeItem> branch : stored.tree().branches()) {
            branches.add(items(branch, "", (path, s) -> hide.apply(s)));
        }
        try {
            byte[] text = ended(store, store.emitPlain(SopsTree.ofBranches(branches)));
            if (store.name().equals("json")) {
                // Go's encoding/json (which the JSON store follows) escapes < and >; this text is for people.
                text = new String(text, StandardCharsets.UTF_8).replace(JSON_HIDDEN, GitDiffText.HIDDEN)
                        .getBytes(StandardCharsets.UTF_8);
            }
            return withNote(note, text);
        } catch (SopsException e) {
            return note.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** What replaces each scalar (not comments, which stay as they are, or hidden when encrypted). */
    private interface Leaf {
        Scalar apply(String path, Scalar value);
    }

    private static List<TreeItem> items(List<TreeItem> items, String path, Leaf leaf) {
        List<TreeItem> out = new ArrayList<>();
        for (TreeItem item : items) {
            if (item instanceof TreeItem.Entry e) {
                out.add(new TreeItem.Entry(e.key(), leaf.apply(path + "/" + e.key(), e.value())));
            } else if (item instanceof TreeItem.Nested n) {
                out.add(new TreeItem.Nested(n.key(), value(n.value(), path + "/" + n.key(), leaf)));
            } else if (item instanceof TreeItem.Comment c) {
                out.add(comment(c));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static TreeValue value(TreeValue value, String path, Leaf leaf) {
        if (value instanceof TreeValue.Mapping m) {
            return new TreeValue.Mapping(items(m.items(), path, leaf));
        }
        if (value instanceof TreeValue.Sequence s) {
            List<TreeValue> out = new ArrayList<>();
            for (int i = 0; i < s.items().size(); i++) {
                TreeValue element = s.items().get(i);
                out.add(element instanceof TreeItem.Comment c ? comment(c)
                        : element instanceof Scalar sc ? leaf.apply(path + "/" + i, sc)
                        : value(element, path + "/" + i, leaf));
            }
            return new TreeValue.Sequence(out);
        }
        return value;
    }

    private static TreeItem.Comment comment(TreeItem.Comment c) {
        return ValueCipher.looksEncrypted(c.value().text()) ? new TreeItem.Comment(Scalar.of(Scalar.COMMENT,
                (" " + GitDiffText.HIDDEN + " comment").getBytes(StandardCharsets.UTF_8)), c.inline()) : c;
    }

    /** A binary file's one-line stand-in ends with a line break (no "No newline at end of file" in diffs). */
    private static byte[] ended(SopsStore store, byte[] text) {
        if (!store.name().equals("binary")) {
            return text;
        }
        byte[] out = java.util.Arrays.copyOf(text, text.length + 1);
        out[text.length] = '\n';
        return out;
    }

    private static byte[] withNote(String note, byte[] text) {
        if (note == null) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((note + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(text);
        SecretBytes.wipe(text);
        return out.toByteArray();
    }
}
