package dev.secrets.age;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import dev.secrets.secret.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Decrypts a binary age file with jagged, all or nothing: the plaintext is collected in memory and returned only
 * when the whole payload authenticated; on any failure the partial plaintext is zeroed and an exception thrown.
 */
final class AgeDecryption {
    private static final StandardDecryptingChannelFactory FACTORY = new StandardDecryptingChannelFactory();

    private AgeDecryption() {
    }

    /** How a decryption failed. */
    enum Failure {
        /** No identity opened any recipient stanza. */
        NO_MATCH,
        /** The file is malformed or was tampered with. */
        CORRUPT,
        /** The file is encrypted to a kind of recipient we cannot decrypt (a passphrase). */
        UNSUPPORTED
    }

    /** A failed decryption with its class and jagged's reason (which never contains key material). */
    static final class DecryptionException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        DecryptionException(Failure failure, String reason, Throwable cause) {
            super(reason, cause);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    static SecretBytes decrypt(byte[] binary, List<RecipientStanzaReader> readers) throws DecryptionException {
        return decrypt(binary, readers, false);
    }

    /**
     * Decrypts {@code binary}.
     *
     * @param passphraseGiven true when one of {@code readers} opens scrypt stanzas; without one a
     *     passphrase-encrypted file fails as {@link Failure#UNSUPPORTED} rather than "no identity matched"
     */
    static SecretBytes decrypt(byte[] binary, List<RecipientStanzaReader> readers, boolean passphraseGiven)
            throws DecryptionException {
        List<String> types = stanzaTypes(binary);
        if (types.contains(ScryptStanza.TYPE) && types.size() > 1) {
            // The age spec requires a scrypt stanza to be alone, whatever identities we hold.
            throw new DecryptionException(Failure.CORRUPT,
                    "an scrypt (passphrase) stanza must be the only stanza in the header", null);
        }
        if (types.contains(ScryptStanza.TYPE) && !passphraseGiven) {
            throw new DecryptionException(Failure.UNSUPPORTED,
                    "it is passphrase-encrypted (scrypt) and no passphrase was given", null);
        }
        byte[] plain = new byte[Math.max(64, binary.length)];
        try (ReadableByteChannel channel = FACTORY.newDecryptingChannel(
                Channels.newChannel(new ByteArrayInputStream(binary)), readers)) {
            ByteBuffer buffer = ByteBuffer.wrap(plain);
            while (true) {
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                if (!buffer.hasRemaining()) {
                    // The plaintext is never longer than the file; this only guards against surprises.
                    throw new DecryptionException(Failure.CORRUPT, "payload longer than the file", null);
                }
            }
            return SecretBytes.adopt(Arrays.copyOf(plain, buffer.position()));
        } catch (GeneralSecurityException e) {
            throw new DecryptionException(isNoMatch(e) ? Failure.NO_MATCH : Failure.CORRUPT, reason(e), e);
        } catch (IOException | RuntimeException e) {
            throw new DecryptionException(Failure.CORRUPT, reason(e), e);
        } finally {
            SecretBytes.wipe(plain);
        }
    }

    /** The type of every stanza in the header (up to the {@code ---} line), in order. */
    static List<String> stanzaTypes(byte[] binary) {
        List<String> types = new java.util.ArrayList<>();
        int start = 0;
        while (start < binary.length) {
            int end = start;
            while (end < binary.length && binary[end] != '\n') {
                end++;
            }
            if (end - start >= 3 && binary[start] == '-' && binary[start + 1] == '-' && binary[start + 2] == '-') {
                break;
            }
            if (end - start >= 3 && binary[start] == '-' && binary[start + 1] == '>' && binary[start + 2] == ' ') {
                int typeEnd = start + 3;
                while (typeEnd < end && binary[typeEnd] != ' ') {
                    typeEnd++;
                }
                types.add(new String(binary, start + 3, typeEnd - start - 3, StandardCharsets.US_ASCII));
            }
            start = end + 1;
        }
        return types;
    }

    /** True when every identity simply failed to open a stanza, as opposed to a malformed or tampered file. */
    static boolean isNoMatch(Throwable t) {
        if (t instanceof AEADBadTagException) {
            return true;
        }
        if (!(t instanceof UnsupportedRecipientStanzaException)) {
            return false;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (!isNoMatch(suppressed)) {
                return false;
            }
        }
        return true;
    }

    private static String reason(Throwable e) {
        // jagged's class names (UnsupportedRecipientStanzaException) carry the reason; say it in words.
        String words = e.getClass().getSimpleName().replaceFirst("Exception$", "")
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        String message = e.getMessage();
        return words + (message == null ? "" : ": " + message);
    }
}
