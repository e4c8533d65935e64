package dev.secrets.age;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.util.List;
import java.util.Optional;

/**
 * An identity file that is itself an age file encrypted with a passphrase ({@code age-keygen | age -p > key.age},
 * armored or binary), as {@code age -i} and sops read it. The passphrase is asked once, through the installed
 * {@link PassphrasePrompt}; the decrypted text is parsed as a keys file and wiped.
 */
final class EncryptedIdentityFile {
    private EncryptedIdentityFile() {
    }

    static boolean isEncrypted(byte[] content) {
        return IdentityFile.startsWith(content, "age-encryption") || IdentityFile.startsWith(content, "-----BEGIN AGE");
    }

    /**
     * Decrypts and parses.
     *
     * @throws KeyException.PassphraseUnavailable when no terminal can be asked
     * @throws KeyException.WrongPassphrase when the passphrase does not open it
     * @throws KeyException.InvalidIdentity when it is not passphrase-encrypted or its content is not a keys file
     */
    static List<AgeIdentity> parse(byte[] content, String source) throws KeyException {
        byte[] binary;
        try {
            binary = AgeFiles.isArmored(content) ? AgeArmor.dearmor(content) : content;
        } catch (AgeArmor.ArmorException e) {
            throw new KeyException.InvalidIdentity(source + " looks like an encrypted identity file but its armor is "
                    + "broken: " + e.getMessage(), null, null);
        }
        if (!AgeDecryption.stanzaTypes(binary).equals(List.of(ScryptStanza.TYPE))) {
            throw new KeyException.UnsupportedKey(source + " is an age-encrypted identity file that is not "
                    + "passphrase-encrypted (it is encrypted to other recipients)",
                    "decrypt it with 'age -d' and its own identity, or re-encrypt it with 'age -p'", null);
        }
        Optional<SecretBytes> passphrase = PassphrasePrompt.installed()
                .ask("Enter passphrase for identity file " + source + ": ");
        if (passphrase.isEmpty()) {
            throw new KeyException.PassphraseUnavailable(source + " is passphrase-encrypted and there is no terminal "
                    + "to ask for its passphrase", "run in a terminal, or give the key another way: SOPS_AGE_KEY_CMD "
                    + "(a command printing the keys), SOPS_AGE_KEY, or an unencrypted keys file");
        }
        AgeIdentities opener = AgeIdentities.of(List.of(AgeIdentity.passphrase(passphrase.get(), source)));
        SecretBytes plain = null;
        byte[] text = null;
        try {
            plain = opener.decryptBinary(binary, source);
            text = plain.copy();
            if (isEncrypted(text)) {
                throw new KeyException.InvalidIdentity(source + " is encrypted twice", IdentityFile.HINT, null);
            }
            return IdentityFile.parse(text, source);
        } catch (KeyException.WrongPassphrase e) {
            throw new KeyException.WrongPassphrase("the passphrase for identity file " + source + " is wrong",
                    "type the passphrase given to 'age -p' when the file was made");
        } finally {
            opener.destroy();
            SecretBytes.wipe(text);
            if (plain != null) {
                plain.destroy();
            }
        }
    }
}
