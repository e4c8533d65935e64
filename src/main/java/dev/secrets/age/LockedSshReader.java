package dev.secrets.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The stanza reader of an SSH identity whose private key is unlocked on first need: only when a stanza of its
 * type carries its tag, so a passphrase-protected key is asked for only when a file is really addressed to it.
 * The unlock (and its outcome, success or failure) happens once.
 */
final class LockedSshReader implements RecipientStanzaReader, Destroyable {
    private final String type;
    private final byte[] tag;
    private Unlocker unlocker;
    private Unlocked unlocked;
    private KeyException failure;

    /** Decrypts and parses the private key (may ask for a passphrase). */
    @FunctionalInterface
    interface Unlocker {
        Unlocked unlock() throws KeyException;
    }

    /** The real reader and the secret it holds (destroyed with this reader), or null. */
    record Unlocked(RecipientStanzaReader reader, SecretBytes secret) {
    }

    LockedSshReader(String type, byte[] tag, Unlocker unlocker) {
        this.type = type;
        this.tag = tag.clone();
        this.unlocker = unlocker;
    }

    /** Unlocks now (unencrypted keys: reports a damaged key at once). */
    synchronized void unlockNow() throws KeyException {
        if (unlocked == null && failure == null) {
            try {
                unlocked = unlocker.unlock();
            } catch (KeyException e) {
                failure = e;
            } finally {
                unlocker = null;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public FileKey getFileKey(Iterable<RecipientStanza> stanzas) throws GeneralSecurityException {
        boolean addressed = false;
        for (RecipientStanza stanza : stanzas) {
            if (type.equals(stanza.getType()) && !stanza.getArguments().isEmpty()) {
                byte[] stanzaTag = SshEd25519StanzaReader.decode(stanza.getArguments().get(0));
                addressed |= stanzaTag != null && Arrays.equals(stanzaTag, tag);
            }
        }
        if (!addressed) {
            throw new UnsupportedRecipientStanzaException(type + " Recipient Stanza for this key not found");
        }
        try {
            unlockNow();
        } catch (KeyException e) {
            throw new KeyFailureException(e);
        }
        return unlocked.reader().getFileKey(stanzas);
    }

    @Override
    public synchronized void destroy() {
        if (unlocked != null && unlocked.secret() != null) {
            unlocked.secret().destroy();
        }
        unlocked = null;
        unlocker = null;
    }

    @Override
    public boolean isDestroyed() {
        return unlocked == null && unlocker == null;
    }
}
