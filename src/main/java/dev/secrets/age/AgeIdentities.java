package dev.secrets.age;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import dev.secrets.keys.DataKeyUnwrapper;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Destroyable;

/**
 * The age identities the user holds, merged from every source {@link IdentityDiscovery} found, with a short
 * description of each source (for {@code --verbose}) and the problems met while loading (shown when nothing
 * matches). Identities with the same recipient are kept once.
 *
 * <p>As a {@link DataKeyUnwrapper} it tries every identity against every {@code age} copy of the data key and
 * returns the first one that opens; it never returns partial plaintext.
 */
public final class AgeIdentities implements DataKeyUnwrapper, Destroyable {
    private final List<AgeIdentity> identities;
    private final List<String> sources;
    private final List<KeyException> loadErrors;

    AgeIdentities(List<AgeIdentity> identities, List<String> sources, List<KeyException> loadErrors) {
        Map<String, AgeIdentity> unique = new LinkedHashMap<>();
        for (AgeIdentity identity : identities) {
            unique.putIfAbsent(identity.recipient(), identity);
        }
        this.identities = List.copyOf(unique.values());
        this.sources = List.copyOf(sources);
        this.loadErrors = List.copyOf(loadErrors);
    }

    /** Identities given directly (tests, or a caller that loaded them itself); their sources are listed. */
    public static AgeIdentities of(List<AgeIdentity> identities) {
        List<String> sources = new ArrayList<>();
        for (AgeIdentity identity : identities) {
            if (!sources.contains(identity.source())) {
                sources.add(identity.source());
            }
        }
        return new AgeIdentities(identities, sources, List.of());
    }

    /** The identities, in discovery order, without duplicates. */
    public List<AgeIdentity> identities() {
        return identities;
    }

    /** One line per source that gave identities, e.g. {@code SOPS_AGE_KEY_FILE [/path] (1 identity)}. */
    public List<String> sources() {
        return sources;
    }

    /** Problems met while loading sources that were skipped (kept for the error report). */
    public List<KeyException> loadErrors() {
        return loadErrors;
    }

    /** The public recipients of all identities. */
    public List<String> recipients() {
        List<String> recipients = new ArrayList<>();
        identities.forEach(identity -> recipients.add(identity.recipient()));
        return recipients;
    }

    /**
     * Recovers the data key from the {@code age} copies among {@code candidates} (other types are ignored).
     *
     * @return the plaintext of the first copy an identity opens (32 bytes for sops data keys)
     * @throws KeyException.NoIdentityMatched when no identity opens any copy; the message lists the recipients
     * @throws KeyException.WrapFailed when every age copy is corrupt (broken armor, bad header or payload)
     */
    @Override
    public SecretBytes unwrap(List<WrappedKey> candidates) throws KeyException {
        List<String> recipients = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        KeyException.WrapFailed corrupt = null;
        int noMatches = 0;
        List<RecipientStanzaReader> readers = readers();
        for (WrappedKey candidate : candidates) {
            if (!AgeDataKeyWrapper.TYPE.equals(candidate.type())) {
                continue;
            }
            recipients.add(candidate.recipient());
            try {
                byte[] binary = AgeArmor.dearmor(candidate.enc().getBytes(StandardCharsets.UTF_8));
                return AgeDecryption.decrypt(binary, readers);
            } catch (AgeArmor.ArmorException e) {
                KeyException.WrapFailed failure = new KeyException.WrapFailed("the age copy of the data key for ["
                        + candidate.recipient() + "] has broken armor: " + e.getMessage(), null, null);
                corrupt = corrupt == null ? failure : corrupt;
                failures.add(failure);
            } catch (AgeDecryption.DecryptionException e) {
                KeyException keyFailure = keyFailure(e);
                if (keyFailure != null) {
                    throw keyFailure;
                }
                if (e.failure() != AgeDecryption.Failure.NO_MATCH) {
                    KeyException.WrapFailed failure = new KeyException.WrapFailed("the age copy of the data key for ["
                            + candidate.recipient() + "] is corrupt: " + e.getMessage(), null, e);
                    corrupt = corrupt == null ? failure : corrupt;
                    failures.add(failure);
                } else {
                    noMatches++;
                    failures.add(e);
                }
            }
        }
        if (corrupt != null && noMatches == 0) {
            for (Exception failure : failures) {
                if (failure != corrupt) {
                    corrupt.addSuppressed(failure);
                }
            }
            throw corrupt;
        }
        KeyException.NoIdentityMatched noMatch = noMatch(recipients);
        failures.forEach(noMatch::addSuppressed);
        throw noMatch;
    }

    /** Decrypts a binary age file with these identities (see {@link AgeFiles}). */
    SecretBytes decryptBinary(byte[] binary, String what) throws KeyException {
        try {
            return AgeDecryption.decrypt(binary, readers(), hasPassphrase());
        } catch (AgeDecryption.DecryptionException e) {
            KeyException keyFailure = keyFailure(e);
            if (keyFailure != null) {
                throw keyFailure;
            }
            boolean passphraseFile = AgeDecryption.stanzaTypes(binary).equals(List.of(ScryptStanza.TYPE));
            if (e.failure() == AgeDecryption.Failure.NO_MATCH && passphraseFile) {
                throw new KeyException.WrongPassphrase("the passphrase for " + what + " is wrong",
                        "type the passphrase the file was encrypted with (age -p)");
            }
            if (e.failure() == AgeDecryption.Failure.UNSUPPORTED) {
                throw new KeyException.PassphraseUnavailable(what + " is passphrase-encrypted and no passphrase "
                        + "was given", "run the command in a terminal to be asked for it");
            }
            if (e.failure() == AgeDecryption.Failure.NO_MATCH) {
                KeyException.NoIdentityMatched noMatch = new KeyException.NoIdentityMatched(
                        "no identity matched any recipient of " + what, hint());
                noMatch.addSuppressed(e);
                throw noMatch;
            }
            throw new KeyException.WrapFailed(what + " could not be decrypted: " + e.getMessage(),
                    "the file is damaged or is not an age file", e);
        }
    }

    /** Zeroes every identity. */
    @Override
    public void destroy() {
        identities.forEach(AgeIdentity::destroy);
    }

    @Override
    public boolean isDestroyed() {
        return identities.stream().allMatch(AgeIdentity::isDestroyed);
    }

    /** Lists recipients and sources only. */
    @Override
    public String toString() {
        return "AgeIdentities" + recipients() + " from " + sources;
    }

    /** A key failure (wrong SSH key passphrase, no terminal, plugin error) anywhere among the causes, or null. */
    static KeyException keyFailure(Throwable t) {
        if (t == null) {
            return null;
        }
        if (t instanceof KeyFailureException unlock) {
            return unlock.reason();
        }
        if (t instanceof KeyException k) {
            return k;
        }
        KeyException found = t.getCause() == t ? null : keyFailure(t.getCause());
        for (Throwable suppressed : t.getSuppressed()) {
            found = found != null ? found : keyFailure(suppressed);
        }
        return found;
    }

    private boolean hasPassphrase() {
        return identities.stream().anyMatch(identity -> identity.kind() == AgeIdentity.Kind.PASSPHRASE);
    }

    private List<RecipientStanzaReader> readers() throws KeyException {
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (AgeIdentity identity : identities) {
            readers.add(identity.stanzaReader());
        }
        return readers;
    }

    private KeyException.NoIdentityMatched noMatch(List<String> recipients) {
        return new KeyException.NoIdentityMatched("no identity matched any recipient of the file "
                + shortened(recipients), hint());
    }

    /** Recipients as shown in messages: post-quantum ones are about 1960 characters, so long ones are cut. */
    static List<String> shortened(List<String> recipients) {
        return recipients.stream().map(r -> r.length() > 100 ? r.substring(0, 60) + "..." + r.substring(r.length() - 8) : r)
                .toList();
    }

    /** Which identities were tried, from where, and what could not be loaded. */
    String hint() {
        StringBuilder hint = new StringBuilder();
        if (identities.isEmpty()) {
            hint.append("no identities were loaded");
        } else {
            hint.append("tried ").append(identities.size()).append(identities.size() == 1 ? " identity" : " identities")
                    .append(" ").append(shortened(recipients())).append(" from ").append(String.join(", ", sources));
        }
        if (!loadErrors.isEmpty()) {
            hint.append("; could not load:");
            for (KeyException error : loadErrors) {
                hint.append(" ").append(error.getMessage()).append(";");
            }
            hint.setLength(hint.length() - 1);
        }
        return hint.toString();
    }
}
