package dev.secrets.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import dev.secrets.secret.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;

/** Wraps an age file key to one {@code ssh-ed25519} recipient, as {@code age -R key.pub} does. */
final class SshEd25519StanzaWriter implements RecipientStanzaWriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] wire;
    private final byte[] tag;
    private final byte[] recipientX25519;

    /** A writer for this Ed25519 public key (32 bytes, already validated). */
    SshEd25519StanzaWriter(byte[] edPublicKey) {
        this.wire = SshEd25519Key.wire(edPublicKey);
        this.tag = SshEd25519Key.tag(wire);
        this.recipientX25519 = SshEd25519Key.montgomery(edPublicKey);
    }

    @Override
    public Iterable<RecipientStanza> getRecipientStanzas(FileKey fileKey) throws GeneralSecurityException {
        byte[] ephemeral = new byte[32];
        byte[] shared = null;
        byte[] tweak = null;
        byte[] tweaked = null;
        byte[] wrapKey = null;
        byte[] key = fileKey.getEncoded();
        try {
            RANDOM.nextBytes(ephemeral);
            byte[] share = SshEd25519Crypto.x25519(ephemeral, SshEd25519Crypto.BASE_POINT);
            shared = SshEd25519Crypto.x25519(ephemeral, recipientX25519);
            tweak = SshEd25519Crypto.tweak(wire);
            tweaked = SshEd25519Crypto.x25519(tweak, shared);
            wrapKey = SshEd25519Crypto.wrapKey(tweaked, share, recipientX25519);
            byte[] body = SshEd25519Crypto.chacha(Cipher.ENCRYPT_MODE, wrapKey, key);
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return List.of(new AgeStanza(SshEd25519Key.TYPE, List.of(base64.encodeToString(tag), base64.encodeToString(share)), body));
        } finally {
            SecretBytes.wipe(ephemeral);
            SecretBytes.wipe(shared);
            SecretBytes.wipe(tweak);
            SecretBytes.wipe(tweaked);
            SecretBytes.wipe(wrapKey);
            SecretBytes.wipe(key);
        }
    }
}
