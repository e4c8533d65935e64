package dev.secrets.age;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import dev.secrets.keys.KeyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/** Encrypts bytes to age recipients with jagged, into memory, optionally armored. */
final class AgeEncryption {
    private static final StandardEncryptingChannelFactory FACTORY = new StandardEncryptingChannelFactory();

    private AgeEncryption() {
    }

    static byte[] encrypt(byte[] plaintext, List<AgeRecipient> recipients, boolean armored) throws KeyException {
        if (recipients.isEmpty()) {
            throw new KeyException.InvalidRecipient("no recipients given", "name at least one age1... recipient", null);
        }
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        for (AgeRecipient recipient : recipients) {
            writers.add(recipient.newStanzaWriter());
        }
        return encrypt(plaintext, writers, recipients.toString(), armored);
    }

    static byte[] encrypt(byte[] plaintext, List<RecipientStanzaWriter> writers, String what, boolean armored)
            throws KeyException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 256 + 2000 * writers.size());
        try (WritableByteChannel channel = FACTORY.newEncryptingChannel(Channels.newChannel(out), writers)) {
            ByteBuffer buffer = ByteBuffer.wrap(plaintext);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (GeneralSecurityException | IOException e) {
            KeyException keyFailure = AgeIdentities.keyFailure(e);
            if (keyFailure != null) {
                throw keyFailure;
            }
            throw new KeyException.WrapFailed("age encryption to " + what + " failed: " + e.getMessage(),
                    "check that the Java runtime provides X25519 and ChaCha20-Poly1305", e);
        }
        byte[] binary = out.toByteArray();
        return armored ? AgeArmor.armor(binary) : binary;
    }
}
