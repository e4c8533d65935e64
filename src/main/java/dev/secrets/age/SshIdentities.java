package dev.secrets.age;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;

/**
 * Age identities from OpenSSH private keys ({@code openssh-key-v1}): {@code ssh-ed25519} and {@code ssh-rsa},
 * unencrypted or passphrase-protected. The recipient comes from the key's public part; a protected key asks for
 * its passphrase only when a file really has a stanza for it (see {@link LockedSshReader}), once per process.
 * Other SSH key types (ecdsa, dss, security keys) have no age recipient type and fail with exit 28.
 */
final class SshIdentities {
    private static final String HINT = "age can use ssh-ed25519 and ssh-rsa (2048 bits or more) OpenSSH keys; or use "
            + "an age identity (secrets keygen)";

    private SshIdentities() {
    }

    /**
     * Parses an OpenSSH private key file.
     *
     * @param content not kept
     * @throws KeyException.UnsupportedKey for other key types, protections, or RSA keys under 2048 bits
     * @throws KeyException.InvalidIdentity when it is malformed
     * @throws KeyException.PassphraseUnavailable or WrongPassphrase only when {@code eager} is set
     */
    static AgeIdentity parse(byte[] content, String source) throws KeyException {
        OpenSshContainer container = OpenSshContainer.parse(content, source, HINT);
        String type;
        try {
            type = container.publicType();
        } catch (RuntimeException e) {
            throw new KeyException.InvalidIdentity(source + " is not a well-formed OpenSSH private key", HINT, null);
        }
        byte[] wire = container.publicBlob();
        String recipient;
        AgeIdentity.Kind kind;
        if (SshEd25519Key.TYPE.equals(type)) {
            recipient = SshEd25519Key.recipient(publicEd25519(wire, source));
            kind = AgeIdentity.Kind.SSH_ED25519;
        } else if (SshRsaKey.TYPE.equals(type)) {
            recipient = SshRsaKey.recipient(publicRsa(wire, source).wire());
            kind = AgeIdentity.Kind.SSH_RSA;
        } else {
            throw new KeyException.UnsupportedKey(source + " is an SSH key of type [" + OpenSshContainer.shorten(type)
                    + "], which age has no recipient type for", HINT, null);
        }
        LockedSshReader.Unlocker unlocker = () -> unlock(container, type, wire, source);
        LockedSshReader reader = new LockedSshReader(type, SshEd25519Key.tag(wire), unlocker);
        if (!container.encrypted()) {
            reader.unlockNow(); // an unencrypted key is checked now, so a damaged one is reported at once
        }
        return AgeIdentity.of(SecretBytes.copyOf(new byte[0]), recipient, source, secret -> reader, kind, null);
    }

    private static LockedSshReader.Unlocked unlock(OpenSshContainer container, String type, byte[] wire, String source)
            throws KeyException {
        byte[] fields = container.privateFields(source);
        try {
            if (SshEd25519Key.TYPE.equals(type)) {
                SshEd25519Key.PrivateKey key = SshEd25519Key.fromFields(fields, source);
                if (!java.util.Arrays.equals(key.publicKey(), publicEd25519(wire, source))) {
                    key.seed().destroy();
                    throw new KeyException.InvalidIdentity(source + " is damaged (its public and private parts differ)",
                            HINT, null);
                }
                byte[] seed = key.seed().copy();
                byte[] scalar = null;
                try {
                    scalar = SshEd25519Crypto.scalarOf(seed);
                    SecretBytes kept = SecretBytes.copyOf(scalar);
                    return new LockedSshReader.Unlocked(new SshEd25519StanzaReader(kept, key.publicKey()), kept);
                } finally {
                    SecretBytes.wipe(seed);
                    SecretBytes.wipe(scalar);
                    key.seed().destroy();
                }
            }
            SshRsaKey.Public publicKey = publicRsa(wire, source);
            RSAPrivateCrtKey privateKey = SshRsaKey.fromFields(fields, publicKey, source);
            RecipientStanzaReader reader = SshRsaStanza.reader(privateKey, publicKey.key(), wire);
            return new LockedSshReader.Unlocked(reader, null);
        } catch (GeneralSecurityException e) {
            throw new KeyException.InvalidIdentity("cannot use the SSH key " + source,
                    "check that the Java runtime provides SHA-512", e);
        } finally {
            SecretBytes.wipe(fields);
        }
    }

    private static byte[] publicEd25519(byte[] wire, String source) throws KeyException.InvalidIdentity {
        try {
            return SshEd25519Key.publicKeyOfWire(wire);
        } catch (RuntimeException e) {
            throw new KeyException.InvalidIdentity(source + " has a malformed ssh-ed25519 public key", HINT, null);
        }
    }

    private static SshRsaKey.Public publicRsa(byte[] wire, String source) throws KeyException {
        try {
            return SshRsaKey.parseWire(wire);
        } catch (IllegalArgumentException e) {
            throw new KeyException.UnsupportedKey(source + ": " + e.getMessage(), HINT, null);
        }
    }
}
