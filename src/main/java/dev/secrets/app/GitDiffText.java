package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.ValueCipher;
import dev.secrets.sops.store.DotenvSopsStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code secrets git diff}, git's {@code textconv}: the file's decrypted lines without the metadata, so
 * {@code git diff}, {@code git log -p} and {@code git show} show what changed. It never fails (that would break
 * {@code git log}): without an identity it prints key names with {@code <encrypted>}, a short hash of each
 * ciphertext (so changed values still show) and a note; a file that is
 * not an encrypted file is printed as it is. With {@code mask}, each value is a short fingerprint keyed by the
 * file's data key (equal values look equal, nobody without the key can test a guess).
 */
public final class GitDiffText {
    /** What an encrypted value shows as when it cannot be decrypted. */
    public static final String HIDDEN = "<encrypted>";
    private static final byte[] MASK_LABEL = "secrets git diff --mask v1".getBytes(StandardCharsets.US_ASCII);

    private GitDiffText() {
    }

    /** The file (a temporary copy git made of a blob), whether to mask, extra identity files. */
    public record Request(Path file, boolean mask, List<Path> identities) {
    }

    /** The text for git. */
    public static byte[] run(Request request, Environment env) throws FileAccessException {
        byte[] bytes = FileIo.read(env.resolve(request.file()));
        String source = request.file().toString();
        if (!DotenvSopsStore.looksEncrypted(bytes)) {
            return NestedDiffText.text(bytes, source, request, env);
        }
        SopsDocument stored;
        try {
            ConflictGuard.refuseGitMarkers(bytes, source);
            stored = DotenvSopsStore.readEncrypted(bytes, source);
        } catch (SopsException | DotenvSyntaxException e) {
            return bytes;
        }
        try (Keyring keyring = new Keyring(env, request.identities())) {
            // SECRETS_DIFF_MASK=1 masks one git command without changing the config (a screen share).
            boolean mask = request.mask() || env.get("SECRETS_DIFF_MASK").filter("1"::equals).isPresent();
            return decrypted(bytes, source, keyring, mask);
        } catch (KeyException e) {
            return hidden(stored, "# secrets: no identity can decrypt this file; values are shown as " + HIDDEN);
        } catch (SopsException | DotenvSyntaxException | RuntimeException e) {
            return hidden(stored, "# secrets: this version cannot be decrypted ("
                    + (e instanceof RuntimeException ? "unexpected error" : e.getMessage())
                    + "); values are shown as " + HIDDEN);
        }
    }

    private static byte[] decrypted(byte[] bytes, String source, Keyring keyring, boolean mask)
            throws SopsException, KeyException, DotenvSyntaxException {
        String note = null;
        OpenedFile first;
        try {
            first = SecretsFiles.openConflicted(bytes, source, keyring, true);
        } catch (SopsException.MacMismatch e) {
            first = SecretsFiles.openConflicted(bytes, source, keyring, false);
            note = "# secrets: the MAC of this version does not verify (changed outside secrets or sops)\n";
        }
        try (OpenedFile opened = first) {
            SopsTree plain = mask ? masked(opened) : opened.plain();
            byte[] text = DotenvSopsStore.emitPlain(plain);
            if (note == null) {
                return text;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(note.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(text);
            SecretBytes.wipe(text);
            return out.toByteArray();
        }
    }

    /** The keyed fingerprint of values: HMAC-SHA256 under a key derived from the file's data key. */
    static Mac maskMac(OpenedFile opened) {
        byte[] raw = opened.dataKey().copy();
        try {
            Mac keyMac = Mac.getInstance("HmacSHA256");
            keyMac.init(new SecretKeySpec(raw, "HmacSHA256"));
            byte[] maskKey = keyMac.doFinal(MASK_LABEL);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(maskKey, "HmacSHA256"));
            SecretBytes.wipe(maskKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        } finally {
            SecretBytes.wipe(raw);
        }
    }

    /** The tree with each value replaced by {@code [mask:xxxxxxxx]}. */
    private static SopsTree masked(OpenedFile opened) {
        Mac mac = maskMac(opened);
        List<TreeItem> items = new ArrayList<>();
        for (TreeItem item : opened.plain().items()) {
            if (item instanceof TreeItem.Entry entry) {
                mac.update(entry.key().getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
                byte[] value = entry.value().bytes();
                mac.update(value);
                SecretBytes.wipe(value);
                String print = HexFormat.of().formatHex(mac.doFinal(), 0, 4);
                items.add(new TreeItem.Entry(entry.key(), Scalar.str("[mask:" + print + "]")));
            } else {
                items.add(item);
            }
        }
        return new SopsTree(items);
    }

    /**
     * A short hash of the stored ciphertext (public anyway): unchanged values keep their ciphertext, so a changed
     * print tells a reader without the key which values changed.
     */
    static String ciphertextPrint(String enc) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(enc.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Key names with {@code <encrypted>} for values the rule encrypts, unencrypted values and comments as stored. */
    private static byte[] hidden(SopsDocument stored, String note) {
        CryptRule rule = stored.metadata().cryptRule();
        List<TreeItem> items = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (TreeItem item : stored.tree().items()) {
            if (item instanceof TreeItem.Entry entry) {
                boolean encrypted = rule.shouldEncrypt(List.of(entry.key()), comments, false);
                comments.clear();
                items.add(encrypted && !entry.value().isEmpty()
                        ? new TreeItem.Entry(entry.key(), Scalar.str(HIDDEN + " (ciphertext "
                                + ciphertextPrint(entry.value().text()) + ")")) : entry);
            } else if (item instanceof TreeItem.Comment comment) {
                comments.add(comment.value().text());
                items.add(ValueCipher.looksEncrypted(comment.value().text())
                        ? new TreeItem.Comment(Scalar.of(Scalar.COMMENT, (" " + HIDDEN + " comment")
                                .getBytes(StandardCharsets.UTF_8))) : item);
            } else {
                items.add(item);
            }
        }
        byte[] text = DotenvSopsStore.emitPlain(new SopsTree(items));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((note + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(text);
        return out.toByteArray();
    }
}
