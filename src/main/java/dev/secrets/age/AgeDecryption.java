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
        if (hasScryptStanza(binary)) {
            // The age spec requires a scrypt stanza to be alone; jagged without its scrypt module would ignore it
            // and might open another stanza. We support no passphrases, so refuse the file outright.
            throw new DecryptionException(Failure.UNSUPPORTED,
                    "it is passphrase-encrypted (scrypt); passphrase-encrypted age files are not supported yet", null);
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

    /** True when the header (up to the {@code ---} line) has a stanza of type {@code scrypt}. */
    static boolean hasScryptStanza(byte[] binary) {
        byte[] stanza = "-> scrypt".getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        while (start < binary.length) {
            int end = start;
            while (end < binary.length && binary[end] != '\n') {
                end++;
            }
            if (end - start >= 3 && binary[start] == '-' && binary[start + 1] == '-' && binary[start + 2] == '-') {
                return false;
            }
            if (end - start >= stanza.length && Arrays.equals(binary, start, start + stanza.length, stanza, 0, stanza.length)
                    && (end - start == stanza.length || binary[start + stanza.length] == ' ')) {
                return true;
            }
            start = end + 1;
        }
        return false;
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
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
