package dev.secrets.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The age {@code scrypt} passphrase recipient type (C2SP age, "The scrypt recipient type"): the file key wrapped
 * with ChaCha20-Poly1305 under {@code scrypt(N = 2^logN, r = 8, p = 1)} of the passphrase. scrypt is the one
 * primitive here the JDK lacks; it comes from BouncyCastle's light-weight {@link SCrypt} (no provider registered),
 * and this class is loaded only when a passphrase is really used.
 *
 * <p>As age does, a reader refuses a work factor above {@value #MAX_WORK_FACTOR} (it would take minutes and
 * gigabytes) and a header where an scrypt stanza is not alone.
 */
final class ScryptStanza {
    static final String TYPE = "scrypt";
    /** age's default for new files (about a second on a laptop). */
    static final int DEFAULT_WORK_FACTOR = 18;
    /** age's limit when decrypting. */
    static final int MAX_WORK_FACTOR = 22;
    private static final byte[] LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]*");
    private static final int SALT_LENGTH = 16;
    private static final int BODY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScryptStanza() {
    }

    /** A header stanza failing the format rules: the file is malformed, not merely addressed to someone else. */
    static final class MalformedStanzaException extends GeneralSecurityException {
        private static final long serialVersionUID = 1L;

        MalformedStanzaException(String message) {
            super(message);
        }
    }

    /** Writes one scrypt stanza for {@code passphrase} (kept, not copied) with a fresh salt. */
    static RecipientStanzaWriter writer(SecretBytes passphrase, int workFactor) {
        return fileKey -> {
            byte[] salt = new byte[SALT_LENGTH];
            RANDOM.nextBytes(salt);
            byte[] key = fileKey.getEncoded();
            byte[] wrapKey = wrapKey(passphrase, salt, workFactor);
            try {
                byte[] body = SshEd25519Crypto.chacha(Cipher.ENCRYPT_MODE, wrapKey, key);
                return List.of(new AgeStanza(TYPE, List.of(Base64.getEncoder().withoutPadding().encodeToString(salt),
                        Integer.toString(workFactor)), body));
            } finally {
                SecretBytes.wipe(key);
                SecretBytes.wipe(wrapKey);
            }
        };
    }

    /** Opens the scrypt stanza with {@code passphrase} (kept, not copied). */
    static RecipientStanzaReader reader(SecretBytes passphrase) {
        return stanzas -> {
            List<RecipientStanza> all = new ArrayList<>();
            stanzas.forEach(all::add);
            checkAlone(all);
            if (all.size() != 1 || !TYPE.equals(all.get(0).getType())) {
                throw new UnsupportedRecipientStanzaException("scrypt Recipient Stanza not found");
            }
            return open(passphrase, all.get(0));
        };
    }

    /** Rejects a header where an scrypt stanza is not the only stanza (age requires it alone). */
    static void checkAlone(List<RecipientStanza> stanzas) throws MalformedStanzaException {
        if (stanzas.size() > 1 && stanzas.stream().anyMatch(s -> TYPE.equals(s.getType()))) {
            throw new MalformedStanzaException("an scrypt stanza must be the only stanza in the header");
        }
    }

    private static FileKey open(SecretBytes passphrase, RecipientStanza stanza) throws GeneralSecurityException {
        List<String> arguments = stanza.getArguments();
        if (arguments.size() != 2) {
            throw new MalformedStanzaException("scrypt stanza needs 2 arguments, has " + arguments.size());
        }
        byte[] salt = SshEd25519StanzaReader.decode(arguments.get(0));
        if (salt == null || salt.length != SALT_LENGTH) {
            throw new MalformedStanzaException("scrypt salt is not canonical base64 of 16 bytes");
        }
        String factor = arguments.get(1);
        if (!DECIMAL.matcher(factor).matches() || factor.length() > 2) {
            throw new MalformedStanzaException("scrypt work factor is not a decimal number without leading zeros");
        }
        int workFactor = Integer.parseInt(factor);
        if (workFactor > MAX_WORK_FACTOR) {
            throw new MalformedStanzaException("scrypt work factor " + workFactor + " is above the limit "
                    + MAX_WORK_FACTOR);
        }
        byte[] body = stanza.getBody();
        if (body.length != BODY_LENGTH) {
            throw new MalformedStanzaException("scrypt stanza body is " + body.length + " bytes, not " + BODY_LENGTH);
        }
        byte[] wrapKey = wrapKey(passphrase, salt, workFactor);
        try {
            // FileKey keeps this array (and wipes it on destroy).
            return new FileKey(SshEd25519Crypto.chacha(Cipher.DECRYPT_MODE, wrapKey, body));
        } finally {
            SecretBytes.wipe(wrapKey);
        }
    }

    private static byte[] wrapKey(SecretBytes passphrase, byte[] salt, int workFactor) {
        byte[] fullSalt = new byte[LABEL.length + salt.length];
        System.arraycopy(LABEL, 0, fullSalt, 0, LABEL.length);
        System.arraycopy(salt, 0, fullSalt, LABEL.length, salt.length);
        byte[] password = passphrase.copy();
        try {
            return SCrypt.generate(password, fullSalt, 1 << workFactor, 8, 1, 32);
        } finally {
            SecretBytes.wipe(password);
        }
    }
}
