package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.io.LockFile;
import dev.secrets.keys.DataKeyWrapper;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.IvStash;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeCipher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code secrets rotate FILE --data-key} (sops's {@code rotate}): a new 32-byte data key, every value and
 * encrypted comment re-encrypted with fresh IVs, the key wrapped for the file's recipients (Shamir groups kept
 * with their threshold), a new {@code lastmodified} and MAC. The format version and the crypt rule are kept.
 * Optionally adds recipients to the first group and removes recipients from every group.
 *
 * <p>The MAC is verified before anything changes; the file is replaced atomically, and only if it did not change
 * on disk meanwhile. Files that also hold pgp/kms/... master keys are refused: those cannot be re-wrapped here.
 */
public final class DataKeyRotation {
    private DataKeyRotation() {
    }

    /**
     * What to rotate.
     *
     * @param file the encrypted file, replaced in place
     * @param addAge recipients to add to the first key group ({@code --add-age})
     * @param removeAge recipients to remove from every group ({@code --rm-age}); each must be in the file
     * @param identities extra identity files ({@code --identity})
     */
    public record Request(Path file, List<String> addAge, List<String> removeAge, List<Path> identities,
            boolean confirmed) {
        /** Copies the lists. */
        public Request {
            addAge = List.copyOf(addAge);
            removeAge = List.copyOf(removeAge);
            identities = List.copyOf(identities);
        }

        /** Not confirmed: recipients the creation rule does not name are refused. */
        public Request(Path file, List<String> addAge, List<String> removeAge, List<Path> identities) {
            this(file, addAge, removeAge, identities, false);
        }
    }

    /** The recipient change made (its data key part is always "new"), warnings, and notes for {@code --verbose}. */
    public record Result(KeyChange change, List<String> warnings, List<String> notes) {
    }

    /**
     * Rotates as requested.
     *
     * @throws UsageException UNSUPPORTED for foreign master keys, CONFLICT for a recipient both added and removed,
     *     RECIPIENT_NOT_FOUND for a removed recipient the file does not have, NO_RECIPIENTS when a group would
     *     be left empty
     * @throws KeyException.InvalidRecipient for an added recipient that is not an age public key
     */
    public static Result run(Request request, Environment env, Clock clock) throws FileAccessException,
            DotenvSyntaxException, SopsException, KeyException, UsageException, EditException {
        Path path = env.resolve(request.file());
        String source = request.file().toString();
        try (LockFile lock = FileLocks.acquire(path, source, clock);
                Keyring keyring = new Keyring(env, request.identities());
                OpenedFile opened = SecretsFiles.open(FileIo.read(path), source, keyring, true)) {
            refuseForeignKeys(opened.stored().metadata(), opened.source());
            RecipientPlan before = RecipientPlan.ofFile(opened.stored().metadata());
            RecipientPlan after = changed(before, request, source);
            refuseUnknownRecipients(after, source);
            List<String> notes = new ArrayList<>(keyring.notes());
            TrustedRecipients.check(path, source, after, request.addAge().stream().map(String::trim).toList(),
                    request.confirmed(), env, notes);
            byte[] out = rotated(opened, after, keyring.wrapper(), clock);
            FileIo.replaceIfUnchanged(path, opened.original(), out, source);
            notes.add("data key rotated for " + after.groups().stream().mapToInt(List::size).sum() + " recipient(s)");
            return new Result(KeyChange.between(before, after, true), opened.warnings(), notes);
        }
    }

    /**
     * The bytes of {@code opened} under a new data key, for the same recipients: for callers that already
     * hold an opened file (credential rotation finishing with a data key rotation). Nothing is written.
     */
    public static byte[] rotated(OpenedFile opened, Keyring keyring, Clock clock) throws KeyException, UsageException {
        refuseForeignKeys(opened.stored().metadata(), opened.source());
        return rotated(opened, RecipientPlan.ofFile(opened.stored().metadata()), keyring.wrapper(), clock);
    }

    /** An entry whose recipient was removed still opens (as in sops), but nothing can be wrapped for it. */
    private static void refuseUnknownRecipients(RecipientPlan plan, String source) throws KeyException {
        if (plan.groups().stream().anyMatch(g -> g.contains(""))) {
            throw new KeyException.InvalidRecipient("[" + source + "] has a wrapped data key whose recipient entry "
                    + "is missing, so a new data key cannot be wrapped for it",
                    "restore its sops_age__list_N__map_recipient line, or run 'secrets updatekeys' to take the "
                    + "recipients from .sops.yaml", null);
        }
    }

    /** The bytes of {@code opened} under a new data key wrapped for {@code recipients}, every value re-encrypted. */
    static byte[] rotated(OpenedFile opened, RecipientPlan recipients, DataKeyWrapper wrapper, Clock clock)
            throws KeyException {
        return rotated(opened, opened.stored().metadata(), recipients, wrapper, clock);
    }

    /** As {@link #rotated(OpenedFile, RecipientPlan, DataKeyWrapper, Clock)}, from {@code metadata} (rule, version). */
    static byte[] rotated(OpenedFile opened, Metadata metadata, RecipientPlan recipients, DataKeyWrapper wrapper,
            Clock clock) throws KeyException {
        SecretBytes dataKey = DataKeys.generate();
        try {
            List<List<WrappedKey>> groups = DataKeys.wrap(dataKey, recipients.groups(), recipients.threshold(),
                    wrapper);
            // An empty stash: no IV of the old key is ever used with the new one.
            TreeCipher.Encrypted encrypted = TreeCipher.encrypt(opened.plain(), metadata.cryptRule(),
                    metadata.macOnlyEncrypted(), dataKey, new IvStash(), clock.instant());
            return SecretsFiles.write(opened, encrypted.tree(), metadata
                    .withKeyGroups(groups, recipients.storedThreshold())
                    .withMac(encrypted.lastModified(), encrypted.mac()));
        } finally {
            dataKey.destroy();
        }
    }

    /** Refuses files with master keys this tool cannot wrap for: rewriting them would drop those keys. */
    static void refuseForeignKeys(Metadata metadata, String source) throws UsageException {
        if (metadata.hasForeignKeys()) {
            java.util.SortedSet<String> types = metadata.foreignKeyTypes();
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "[" + source + "] also has " + String.join(" and ", types)
                    + " master keys, which secrets cannot wrap a data key for; a new data key or new key groups"
                    + " would drop them: change this file's keys with sops instead");
        }
    }

    private static RecipientPlan changed(RecipientPlan before, Request request, String source)
            throws UsageException {
        RecipientPlan after = before;
        for (String recipient : request.removeAge()) {
            String r = recipient.trim();
            if (request.addAge().stream().anyMatch(a -> a.trim().equals(r))) {
                throw new UsageException(UsageException.Kind.CONFLICT, "recipient [" + r
                        + "] is both added (--add-age) and removed (--rm-age)");
            }
            if (!before.contains(r)) {
                throw new UsageException(UsageException.Kind.RECIPIENT_NOT_FOUND, "recipient [" + r
                        + "] is not a recipient of [" + source + "] (recipients: " + String.join(", ",
                                before.groups().stream().flatMap(List::stream).toList()) + ")");
            }
            after = after.removing(r);
        }
        for (String recipient : request.addAge()) {
            after = after.adding(recipient.trim());
        }
        for (int g = 0; g < after.groups().size(); g++) {
            if (after.groups().get(g).isEmpty()) {
                throw new UsageException(UsageException.Kind.NO_RECIPIENTS, "removing "
                        + String.join(", ", request.removeAge()) + " would leave "
                        + (after.groups().size() > 1 ? "key group " + (g + 1) : "[" + source + "]")
                        + " without recipients; add one with --add-age");
            }
        }
        return after;
    }
}
