package dev.secrets.age;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole age files for the rest of the program (rejected edits saved as {@code FILE.rejected-TIME.age},
 * encrypted backups): encrypt bytes to recipient strings, and decrypt with the user's {@link AgeIdentities}.
 *
 * <p>Decryption is all or nothing: the plaintext is returned only after every payload chunk authenticated.
 */
public final class AgeFiles {
    private AgeFiles() {
    }

    /**
     * Encrypts {@code plaintext} to every recipient in {@code recipients} (each trimmed and validated).
     *
     * @param armored true for the ASCII armor ({@code -----BEGIN AGE ENCRYPTED FILE-----}), false for binary
     * @throws KeyException.InvalidRecipient when a recipient is invalid or the list is empty
     * @throws KeyException.WrapFailed when the Java runtime cannot encrypt
     */
    public static byte[] encrypt(SecretBytes plaintext, List<String> recipients, boolean armored) throws KeyException {
        List<AgeRecipient> parsed = new ArrayList<>();
        for (String recipient : recipients) {
            parsed.add(AgeRecipient.parse(recipient));
        }
        byte[] plain = plaintext.copy();
        try {
            return AgeEncryption.encrypt(plain, parsed, armored);
        } finally {
            SecretBytes.wipe(plain);
        }
    }

    /**
     * Encrypts {@code plaintext} with a passphrase, as {@code age -p} does (one scrypt stanza, work factor 2^18).
     *
     * @param passphrase not kept
     * @throws KeyException.WrapFailed when the Java runtime cannot encrypt
     */
    public static byte[] encryptWithPassphrase(SecretBytes plaintext, SecretBytes passphrase, boolean armored)
            throws KeyException {
        return encryptWithPassphrase(plaintext, passphrase, armored, ScryptStanza.DEFAULT_WORK_FACTOR);
    }

    static byte[] encryptWithPassphrase(SecretBytes plaintext, SecretBytes passphrase, boolean armored, int workFactor)
            throws KeyException {
        byte[] plain = plaintext.copy();
        SecretBytes kept = SecretBytes.adopt(passphrase.copy());
        try {
            return AgeEncryption.encrypt(plain, List.of(ScryptStanza.writer(kept, workFactor)), "a passphrase", armored);
        } finally {
            SecretBytes.wipe(plain);
            kept.destroy();
        }
    }

    /**
     * Decrypts an age file, armored or binary (detected from the content).
     *
     * @param what how to name the file in messages, e.g. {@code [backup/.env.age]}
     * @throws KeyException.NoIdentityMatched when none of {@code identities} is a recipient of the file
     * @throws KeyException.WrapFailed when the file is malformed, truncated or was tampered with
     */
    public static SecretBytes decrypt(byte[] ageFile, AgeIdentities identities, String what) throws KeyException {
        return isArmored(ageFile) ? decryptArmored(ageFile, identities, what)
                : identities.decryptBinary(ageFile, what);
    }

    /**
     * Decrypts an ASCII-armored age file, with the strictness of age's armor reader.
     *
     * @throws KeyException.NoIdentityMatched when none of {@code identities} is a recipient of the file
     * @throws KeyException.WrapFailed when the armor or the file is malformed, truncated or was tampered with
     */
    public static SecretBytes decryptArmored(byte[] armored, AgeIdentities identities, String what) throws KeyException {
        byte[] binary;
        try {
            binary = AgeArmor.dearmor(armored);
        } catch (AgeArmor.ArmorException e) {
            throw new KeyException.WrapFailed(what + " has broken age armor: " + e.getMessage(),
                    "the file is damaged or is not an armored age file", null);
        }
        return identities.decryptBinary(binary, what);
    }

    /**
     * Decrypts a binary age file.
     *
     * @throws KeyException.NoIdentityMatched when none of {@code identities} is a recipient of the file
     * @throws KeyException.WrapFailed when the file is malformed, truncated or was tampered with
     */
    public static SecretBytes decryptBinary(byte[] binary, AgeIdentities identities, String what) throws KeyException {
        return identities.decryptBinary(binary, what);
    }

    /** True when the content (after leading whitespace) begins with the age armor header. */
    public static boolean isArmored(byte[] content) {
        return AgeArmor.looksArmored(content);
    }
}
