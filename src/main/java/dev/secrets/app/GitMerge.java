package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.IvStash;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreePath;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import dev.secrets.vcs.GroupMerge;
import dev.secrets.vcs.KeyMerge;
import dev.secrets.vcs.TreeConflicts;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code secrets git merge}, git's merge driver: decrypts base, ours and theirs, merges per key
 * ({@link KeyMerge}) and key groups ({@link GroupMerge}), and writes the result over ours, sealed with the
 * data key of the side that rotated it (else ours): values unchanged on a side under that key keep their
 * ciphertext, the MAC and {@code lastmodified} are renewed. Conflicting keys are left as marked regions in a
 * valid encrypted file. Nothing is written when a side cannot be opened.
 */
public final class GitMerge {
    private GitMerge() {
    }

    /**
     * What git passes.
     *
     * @param base the common ancestor's file ({@code %O}; empty when there is none)
     * @param ours our file ({@code %A}), replaced by the result
     * @param theirs their file ({@code %B})
     * @param name the path in the repository ({@code %P}), for messages
     * @param identities extra identity files
     */
    public record Request(Path base, Path ours, Path theirs, String name, List<Path> identities) {
    }

    /**
     * The outcome.
     *
     * @param conflicts keys left as conflict regions (empty: a clean merge)
     * @param notes what the user should know (the data key or recipients taken from a side)
     */
    public record Result(List<String> conflicts, List<String> notes) {
    }

    /** Merges and writes the result over {@code ours}. */
    public static Result run(Request request, Environment env, Clock clock) throws FileAccessException,
            DotenvSyntaxException, SopsException, KeyException {
        byte[] baseBytes = FileIo.read(env.resolve(request.base()));
        byte[] oursBytes = FileIo.read(env.resolve(request.ours()));
        byte[] theirsBytes = FileIo.read(env.resolve(request.theirs()));
        String name = request.name();
        // git's %P names the file, so its suffix picks the store; a driver configured without it has only the
        // temporary file's name, and then the content decides.
        SopsStore store = SopsStores.choose(null, name, oursBytes);
        try (Keyring keyring = new Keyring(env, request.identities());
                OpenedFile base = baseBytes.length == 0 ? null
                        : SecretsFiles.open(baseBytes, name + " (base)", store, keyring, true);
                OpenedFile ours = SecretsFiles.open(oursBytes, name + " (ours)", store, keyring, true);
                OpenedFile theirs = SecretsFiles.open(theirsBytes, name + " (theirs)", store, keyring, true)) {
            List<String> notes = new ArrayList<>();
            boolean theirsRotated = !sameKey(base, theirs) && sameKey(base, ours);
            OpenedFile keySide = theirsRotated ? theirs : ours;
            if (theirsRotated) {
                notes.add("their side has a new data key; the merged file uses it");
            }
            Metadata metadata = mergedMetadata(base, ours, theirs, keySide, keyring, notes);
            KeyMerge.Result merged = KeyMerge.merge(base == null ? new SopsTree(List.of()) : base.plain(),
                    ours.plain(), theirs.plain(), new KeyMerge.Labels("ours", "theirs"),
                    marking(store));
            if (store.name().equals("binary") && !merged.conflicts().isEmpty()) {
                throw new SopsException.UnsupportedFormat("[" + name + "] both sides changed this binary file; it is "
                        + "one value, so take one side whole ('git checkout --ours -- " + name + "' or --theirs)");
            }
            if (!store.name().equals("dotenv")) {
                refuseMarksLeftPlain(merged.conflicts(), metadata.cryptRule(), name, marking(store));
            }
            IvStash stash = new IvStash();
            stash.absorb(keySide.stash());
            OpenedFile other = keySide == ours ? theirs : ours;
            if (sameKey(keySide, other)) {
                stash.absorb(other.stash());
            }
            SopsDocument stored = keySide.stored();
            OpenedFile target = new OpenedFile(name, new SopsDocument(stored.tree(), metadata, stored.layout()),
                    oursBytes, keySide.dataKey(), keySide.plain(), stash, List.of(), store);
            try {
                FileIo.write(env.resolve(request.ours()), SecretsFiles.seal(target, merged.tree(), clock), null);
            } finally {
                stash.clear();
            }
            return new Result(merged.conflicts(), notes);
        }
    }

    /**
     * The key side's metadata with the merged key groups ({@link GroupMerge}): kept when they are the key side's;
     * one group re-wraps only for recipients it lacks; Shamir groups take the other side's shares when they are
     * its groups under the same data key, else the data key is split anew (sops splits afresh on every change
     * of groups, so shares of two sides never combine).
     */
    private static Metadata mergedMetadata(OpenedFile base, OpenedFile ours, OpenedFile theirs, OpenedFile keySide,
            Keyring keyring, List<String> notes) throws KeyException, SopsException {
        Metadata m = keySide.stored().metadata();
        OpenedFile other = keySide == ours ? theirs : ours;
        GroupMerge.Groups merged = GroupMerge.merge(base == null ? null : groups(base), groups(ours), groups(theirs),
                ours.source().replace(" (ours)", ""));
        recipientNotes(groups(ours), merged, notes);
        if (merged.equals(groups(keySide))) {
            return m;
        }
        if (merged.recipients().size() == 1) {
            List<WrappedKey> group = new ArrayList<>();
            for (String recipient : merged.recipients().get(0)) {
                WrappedKey existing = wrapped(keySide, recipient);
                if (existing == null && sameKey(keySide, other)) {
                    existing = wrapped(other, recipient);
                }
                group.add(existing != null ? existing : keyring.wrapper().wrap(recipient, keySide.dataKey()));
            }
            return m.withKeyGroups(List.of(group), merged.threshold());
        }
        if (merged.equals(groups(other)) && sameKey(keySide, other)) {
            return m.withKeyGroups(other.stored().metadata().keyGroups(), merged.threshold());
        }
        if (ours.stored().metadata().hasForeignKeys() || theirs.stored().metadata().hasForeignKeys()) {
            throw new SopsException.UnsupportedFormat("[" + ours.source() + "] the merged key groups need the data "
                    + "key split anew, and the file has keys secrets cannot wrap for (pgp, kms, ...); merge them with "
                    + "sops: take one side and run 'sops updatekeys' with the groups you want");
        }
        notes.add("key groups changed on both sides: merged group by group; the data key is split anew into "
                + merged.recipients().size() + " shares (threshold " + (merged.threshold() > 0 ? merged.threshold()
                        : merged.recipients().size()) + ")");
        return m.withKeyGroups(DataKeys.wrap(keySide.dataKey(), merged.recipients(), merged.threshold(),
                keyring.wrapper()), merged.threshold());
    }

    private static void recipientNotes(GroupMerge.Groups ours, GroupMerge.Groups merged, List<String> notes) {
        List<String> before = ours.recipients().stream().flatMap(List::stream).toList();
        List<String> after = merged.recipients().stream().flatMap(List::stream).toList();
        after.stream().filter(r -> !before.contains(r)).forEach(r -> notes.add("recipient [" + r + "] (added on "
                + "their side) now also receives the merged file's data key"));
        before.stream().filter(r -> !after.contains(r)).forEach(r -> notes.add("recipient [" + r + "] was removed "
                + "on their side and stays removed"));
    }

    private static GroupMerge.Groups groups(OpenedFile file) {
        Metadata m = file.stored().metadata();
        return new GroupMerge.Groups(m.keyGroups().stream().map(g -> g.stream().map(WrappedKey::recipient).toList())
                .toList(), m.shamirThreshold());
    }

    private static WrappedKey wrapped(OpenedFile file, String recipient) {
        return file.stored().metadata().allKeys().stream().filter(k -> k.recipient().equals(recipient)).findFirst()
                .orElse(null);
    }

    private static KeyMerge.Marking marking(SopsStore store) {
        return switch (store.name()) {
            case "dotenv" -> KeyMerge.Marking.COMMENTS;
            case "ini" -> KeyMerge.Marking.SUFFIXES;
            default -> KeyMerge.Marking.MAPPING;
        };
    }

    /**
     * Refuses a marked mapping (or INI's suffixed keys) whose values the file's rule would leave in clear though the value it replaces is
     * encrypted (a rule matching the marker keys, as {@code unencrypted_regex: ^secrets-}): never write a secret
     * in clear to resolve a conflict. Comment rules see no comments above the marker keys, so they keep the value's
     * own state.
     */
    private static void refuseMarksLeftPlain(List<String> conflicts, CryptRule rule, String name,
            KeyMerge.Marking marking) throws SopsException.UnsupportedFormat {
        for (String conflict : conflicts) {
            List<String> path = new ArrayList<>(TreePath.parse(conflict).components().stream().map(String::valueOf)
                    .toList());
            if (!rule.shouldEncrypt(path, List.of(), false)) {
                continue;
            }
            for (String mark : List.of(TreeConflicts.OURS, TreeConflicts.THEIRS)) {
                List<String> marked = new ArrayList<>(path);
                if (marking == KeyMerge.Marking.SUFFIXES) {
                    marked.set(marked.size() - 1, marked.get(marked.size() - 1) + "." + mark);
                } else {
                    marked.add(mark);
                }
                if (!rule.shouldEncrypt(marked, List.of(), false)) {
                    throw new SopsException.UnsupportedFormat("[" + name + "] the file's encryption rule would leave "
                            + "the conflicting values of [" + conflict + "] in clear under the marker key " + mark
                            + "; resolve this file by hand: 'git checkout --ours -- " + name + "', then redo their "
                            + "changes with 'secrets set'");
                }
            }
        }
    }

    /** True when both are open under the same data key (false when either is missing). */
    private static boolean sameKey(OpenedFile a, OpenedFile b) {
        if (a == null || b == null) {
            return false;
        }
        byte[] x = a.dataKey().copy();
        byte[] y = b.dataKey().copy();
        try {
            return MessageDigest.isEqual(x, y);
        } finally {
            SecretBytes.wipe(x);
            SecretBytes.wipe(y);
        }
    }
}
