package dev.secrets.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import dev.secrets.secret.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;

/**
 * Opens age {@code -> ssh-ed25519 TAG SHARE} stanzas with one Ed25519 identity (C2SP age, "ssh-ed25519 recipient
 * stanza"). Stanzas whose tag names another key are skipped. Failures are reported as jagged does (an
 * {@link UnsupportedRecipientStanzaException} with the per-stanza causes suppressed) so that "no identity matched"
 * is told apart from a damaged file.
 */
final class SshEd25519StanzaReader implements RecipientStanzaReader {
    private static final int SHARE_ENCODED_LENGTH = 43;
    private static final int BODY_LENGTH = 32;

    private final SecretBytes scalar;
    private final byte[] wire;
    private final byte[] tag;
    private final byte[] recipientX25519;

    /** A reader for the identity with this X25519 scalar (kept, not copied) and Ed25519 public key. */
    SshEd25519StanzaReader(SecretBytes scalar, byte[] edPublicKey) {
        this.scalar = scalar;
        this.wire = SshEd25519Key.wire(edPublicKey);
        this.tag = SshEd25519Key.tag(wire);
        this.recipientX25519 = SshEd25519Key.montgomery(edPublicKey);
    }

    @Override
    public FileKey getFileKey(Iterable<RecipientStanza> stanzas) throws GeneralSecurityException {
        List<Exception> failures = new ArrayList<>();
        for (RecipientStanza stanza : stanzas) {
            if (!SshEd25519Key.TYPE.equals(stanza.getType())) {
                continue;
            }
            List<String> arguments = stanza.getArguments();
            if (arguments.size() != 2) {
                failures.add(new UnsupportedRecipientStanzaException("ssh-ed25519 stanza needs 2 arguments"));
                continue;
            }
            byte[] stanzaTag = decode(arguments.get(0));
            if (stanzaTag == null || !Arrays.equals(stanzaTag, tag)) {
                continue;
            }
            try {
                return open(arguments.get(1), stanza.getBody());
            } catch (GeneralSecurityException | RuntimeException e) {
                failures.add(e);
            }
        }
        UnsupportedRecipientStanzaException exception = new UnsupportedRecipientStanzaException(failures.isEmpty()
                ? "ssh-ed25519 Recipient Stanza for this key not found" : "ssh-ed25519 Recipient Stanza not matched");
        failures.forEach(exception::addSuppressed);
        throw exception;
    }

    private FileKey open(String shareText, byte[] body) throws GeneralSecurityException {
        byte[] share = shareText.length() == SHARE_ENCODED_LENGTH ? decode(shareText) : null;
        if (share == null || share.length != 32) {
            throw new UnsupportedRecipientStanzaException("ssh-ed25519 ephemeral share is malformed");
        }
        if (body.length != BODY_LENGTH) {
            throw new UnsupportedRecipientStanzaException("ssh-ed25519 stanza body length [" + body.length
                    + "] is not " + BODY_LENGTH);
        }
        byte[] secret = scalar.copy();
        byte[] shared = null;
        byte[] tweak = null;
        byte[] tweaked = null;
        byte[] wrapKey = null;
        try {
            shared = SshEd25519Crypto.x25519(secret, share);
            tweak = SshEd25519Crypto.tweak(wire);
            tweaked = SshEd25519Crypto.x25519(tweak, shared);
            wrapKey = SshEd25519Crypto.wrapKey(tweaked, share, recipientX25519);
            // FileKey keeps this array (and wipes it on destroy), so it is not wiped here.
            return new FileKey(SshEd25519Crypto.chacha(Cipher.DECRYPT_MODE, wrapKey, body));
        } finally {
            SecretBytes.wipe(secret);
            SecretBytes.wipe(shared);
            SecretBytes.wipe(tweak);
            SecretBytes.wipe(tweaked);
            SecretBytes.wipe(wrapKey);
        }
    }

    /** Canonical unpadded base64 (as age writes it), or null. */
    static byte[] decode(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
