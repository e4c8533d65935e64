package dev.secrets.age;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code openssh-key-v1} private key container ({@code -----BEGIN OPENSSH PRIVATE KEY-----}, OpenSSH's
 * PROTOCOL.key) holding one key, unencrypted or protected with a passphrase ({@code ssh-keygen -N}: kdf
 * {@code bcrypt}, cipher {@code aes256-ctr} by default; also the other AES CTR and CBC ciphers). The public part is
 * readable without the passphrase, so a protected key's recipient is known before anything is asked.
 *
 * <p>bcrypt-pbkdf is BouncyCastle's light-weight {@code BCrypt.pbkdfGenerate}, loaded only for protected keys.
 */
final class OpenSshContainer {
    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ROUNDS = 1 << 16;

    private final String cipher;
    private final byte[] kdfOptions;
    private final byte[] publicBlob;
    private final byte[] privateSection;

    private OpenSshContainer(String cipher, byte[] kdfOptions, byte[] publicBlob, byte[] privateSection) {
        this.cipher = cipher;
        this.kdfOptions = kdfOptions;
        this.publicBlob = publicBlob;
        this.privateSection = privateSection;
    }

    /**
     * Parses the container (nothing is decrypted yet).
     *
     * @throws KeyException.InvalidIdentity when it is malformed or holds more than one key
     * @throws KeyException.UnsupportedKey when it is protected with a kdf or cipher other than bcrypt and AES
     */
    static OpenSshContainer parse(byte[] content, String source, String hint) throws KeyException {
        byte[] blob = null;
        try {
            String text = new String(content, StandardCharsets.US_ASCII).strip();
            if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
                throw invalid(source, "is not an OpenSSH private key (expected " + BEGIN + ")", hint);
            }
            blob = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
            ByteBuffer in = ByteBuffer.wrap(blob);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw invalid(source, "is not an openssh-key-v1 private key", hint);
            }
            String cipher = ascii(string(in));
            String kdf = ascii(string(in));
            byte[] kdfOptions = string(in);
            boolean plain = "none".equals(cipher) && "none".equals(kdf);
            if (!plain && (!"bcrypt".equals(kdf) || keyLength(cipher) == 0)) {
                throw new KeyException.UnsupportedKey(source + " is protected with [" + shorten(cipher) + "/"
                        + shorten(kdf) + "], which is not supported (bcrypt with aes128/192/256-ctr or -cbc is)",
                        "change its protection with 'ssh-keygen -p -Z aes256-ctr -f KEY'", null);
            }
            if (in.getInt() != 1) {
                throw invalid(source, "holds more than one key", hint);
            }
            byte[] publicBlob = string(in);
            byte[] privateSection = string(in);
            return new OpenSshContainer(cipher, kdfOptions, publicBlob, privateSection);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw invalid(source, "is not a well-formed OpenSSH private key", hint);
        } finally {
            SecretBytes.wipe(blob);
        }
    }

    /** The key type named in the public part, e.g. {@code ssh-ed25519} (may be anything: show it shortened). */
    String publicType() {
        return ascii(string(ByteBuffer.wrap(publicBlob)));
    }

    /** The public key in SSH wire format. */
    byte[] publicBlob() {
        return publicBlob.clone();
    }

    boolean encrypted() {
        return !"none".equals(cipher);
    }

    /**
     * The private key fields after the check integers (type string first); for a protected key the passphrase
     * is asked through the installed {@link PassphrasePrompt}. The caller wipes the result.
     *
     * @throws KeyException.PassphraseUnavailable when the key is protected and nothing can be asked
     * @throws KeyException.WrongPassphrase when the check integers differ after decryption
     */
    byte[] privateFields(String source) throws KeyException {
        byte[] block = encrypted() ? decrypt(source) : privateSection.clone();
        try {
            ByteBuffer in = ByteBuffer.wrap(block);
            if (in.getInt() != in.getInt()) {
                if (encrypted()) {
                    throw new KeyException.WrongPassphrase("the passphrase for the SSH key " + source + " is wrong",
                            "type the passphrase given to ssh-keygen");
                }
                throw invalid(source, "is damaged (check integers differ)", null);
            }
            return Arrays.copyOfRange(block, 8, block.length);
        } catch (BufferUnderflowException e) {
            throw invalid(source, "is not a well-formed OpenSSH private key", null);
        } finally {
            SecretBytes.wipe(block);
        }
    }

    private byte[] decrypt(String source) throws KeyException {
        Optional<SecretBytes> passphrase = PassphrasePrompt.installed().ask("Enter passphrase for SSH key " + source + ": ");
        if (passphrase.isEmpty()) {
            throw new KeyException.PassphraseUnavailable("the SSH key " + source + " is passphrase-protected and there "
                    + "is no terminal to ask for its passphrase", "run in a terminal, or use an age identity "
                    + "(SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD) for scripts");
        }
        byte[] password = passphrase.get().copy();
        passphrase.get().destroy();
        byte[] keyAndIv = null;
        try {
            ByteBuffer options = ByteBuffer.wrap(kdfOptions);
            byte[] salt = string(options);
            int rounds = options.getInt();
            if (rounds < 1 || rounds > MAX_ROUNDS) {
                throw invalid(source, "has a bcrypt round count out of range", null);
            }
            int keyLength = keyLength(cipher);
            keyAndIv = org.bouncycastle.crypto.generators.BCrypt.pbkdfGenerate(password, salt, rounds, keyLength + 16);
            Cipher aes = Cipher.getInstance(cipher.endsWith("-ctr") ? "AES/CTR/NoPadding" : "AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, keyLength, "AES"),
                    new IvParameterSpec(keyAndIv, keyLength, 16));
            return aes.doFinal(privateSection);
        } catch (GeneralSecurityException e) {
            throw invalid(source, "cannot be decrypted (its cipher refused the derived key)", null);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw invalid(source, "has malformed bcrypt options", null);
        } finally {
            SecretBytes.wipe(password);
            SecretBytes.wipe(keyAndIv);
        }
    }

    private static int keyLength(String cipher) {
        return switch (cipher) {
            case "aes128-ctr", "aes128-cbc" -> 16;
            case "aes192-ctr", "aes192-cbc" -> 24;
            case "aes256-ctr", "aes256-cbc" -> 32;
            default -> 0;
        };
    }

    /** An SSH {@code string} (uint32 length, then bytes). */
    static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static KeyException.InvalidIdentity invalid(String source, String what, String hint) {
        return new KeyException.InvalidIdentity(source + " " + what, hint, null);
    }
}
