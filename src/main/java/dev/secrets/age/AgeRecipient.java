package dev.secrets.age;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.bech32.Bech32Address;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import dev.secrets.keys.KeyException;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * A validated age recipient: X25519 ({@code age1...}, Bech32 with human-readable part {@code age} and 32 bytes
 * of public key), post-quantum hybrid ({@code age1pq1...}, ML-KEM-768 + X25519), or an OpenSSH public key
 * ({@code ssh-ed25519 AAAA... [comment]} or {@code ssh-rsa AAAA... [comment]} of 2048 bits or more, kept as given). The other recipient kinds sops accepts are recognised
 * and refused with a message naming the kind.
 */
public final class AgeRecipient {
    private static final String HINT = "an age recipient looks like age1 followed by 58 letters and digits; "
            + "print yours with 'secrets keygen -y KEYFILE' or 'age-keygen -y KEYFILE'";
    private static final int KEY_LENGTH = 32;

    private final String value;
    /** The Ed25519 public key of an {@code ssh-ed25519} recipient; null for X25519. */
    private final byte[] sshPublicKey;
    /** Makes the stanza writer of a recipient kind other than X25519 and ssh-ed25519; else null. */
    private final WriterFactory writer;

    /** The stanza writer of one recipient kind. */
    @FunctionalInterface
    interface WriterFactory {
        RecipientStanzaWriter create() throws GeneralSecurityException;
    }

    private AgeRecipient(String value, byte[] sshPublicKey) {
        this(value, sshPublicKey, null);
    }

    private AgeRecipient(String value, byte[] sshPublicKey, WriterFactory writer) {
        this.value = value;
        this.sshPublicKey = sshPublicKey;
        this.writer = writer;
    }

    /**
     * Parses a recipient string; surrounding whitespace is trimmed (as sops does).
     *
     * @throws KeyException.InvalidRecipient when the string is not an X25519 age recipient
     */
    public static AgeRecipient parse(String text) throws KeyException.InvalidRecipient {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new KeyException.InvalidRecipient("recipient [] is empty", HINT, null);
        }
        String shown = shown(trimmed);
        if (trimmed.startsWith(SshEd25519Key.TYPE + " ")) {
            try {
                return new AgeRecipient(trimmed, SshEd25519Key.parsePublic(trimmed));
            } catch (IllegalArgumentException e) {
                throw new KeyException.InvalidRecipient("recipient [" + shown + "] is not a valid ssh-ed25519 "
                        + "public key: " + e.getMessage(), "copy the whole line of the .pub file", null);
            }
        }
        if (trimmed.startsWith(SshRsaKey.TYPE + " ")) {
            SshRsaKey.Public publicKey;
            try {
                publicKey = SshRsaKey.parsePublicLine(trimmed);
            } catch (IllegalArgumentException e) {
                throw new KeyException.InvalidRecipient("recipient [" + shown + "] is not a usable ssh-rsa public key: "
                        + e.getMessage(), "copy the whole line of the .pub file; age needs RSA keys of 2048 bits or more",
                        null);
            }
            return new AgeRecipient(trimmed, null, () -> SshRsaStanza.writer(publicKey));
        }
        if (trimmed.startsWith(HybridKeys.RECIPIENT_PREFIX)) {
            return hybrid(trimmed, shown);
        }
        if (trimmed.startsWith("age1") && trimmed.indexOf('1', 4) >= 0) {
            String name;
            try {
                name = PluginKeys.recipientPlugin(trimmed);
            } catch (IllegalArgumentException e) {
                throw new KeyException.InvalidRecipient("recipient [" + shown + "] is not a valid age plugin "
                        + "recipient (" + e.getMessage() + ")", HINT, null);
            }
            return new AgeRecipient(trimmed, null, () -> PluginStanzas.writer(name, trimmed));
        }
        if (!trimmed.startsWith("age1")) {
            throw new KeyException.InvalidRecipient("recipient [" + shown + "] is not a valid age public key", HINT, null);
        }
        try {
            Bech32Address address = Bech32.getDecoder().decode(trimmed);
            if (!"age".contentEquals(address.getHumanReadablePart()) || address.getData().length != KEY_LENGTH) {
                throw new KeyException.InvalidRecipient("recipient [" + shown + "] is not a valid age public key",
                        HINT, null);
            }
        } catch (IllegalArgumentException e) {
            throw new KeyException.InvalidRecipient("recipient [" + shown + "] is not a valid age public key"
                    + " (" + e.getMessage() + ")", HINT, null);
        }
        return new AgeRecipient(trimmed, null);
    }

    private static AgeRecipient hybrid(String trimmed, String shown) throws KeyException.InvalidRecipient {
        byte[] publicKey;
        try {
            publicKey = HybridKeys.parseRecipient(trimmed);
        } catch (RuntimeException e) {
            throw new KeyException.InvalidRecipient("recipient [" + shown + "] is not a valid post-quantum age "
                    + "recipient (" + e.getMessage() + ")", "copy the whole age1pq1... line (about 1950 characters); "
                    + "print it with 'secrets keygen -y KEYFILE'", null);
        }
        return new AgeRecipient(trimmed, null, () -> HybridStanza.writer(publicKey));
    }

    /** The recipient string, trimmed, as it goes into the file's metadata. */
    public String value() {
        return value;
    }

    /** A jagged stanza writer for this recipient (each one costs a throw-away key pair: make one per file). */
    RecipientStanzaWriter newStanzaWriter() throws KeyException.WrapFailed {
        if (sshPublicKey != null) {
            return new SshEd25519StanzaWriter(sshPublicKey);
        }
        try {
            if (writer != null) {
                return writer.create();
            }
            return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(value);
        } catch (GeneralSecurityException e) {
            throw new KeyException.WrapFailed("cannot encrypt to recipient [" + value + "]: " + e.getMessage(),
                    "check that the Java runtime provides X25519 and ChaCha20-Poly1305", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgeRecipient && ((AgeRecipient) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The recipient string (public). */
    @Override
    public String toString() {
        return value;
    }

    private static KeyException.InvalidRecipient unsupported(String shown, String kind) {
        return new KeyException.InvalidRecipient("recipient [" + shown + "]: " + kind + " are not supported yet",
                "use an X25519 age recipient (age1...) or an ssh-ed25519 key; create one with 'secrets keygen' or 'age-keygen'", null);
    }

    /** The text to show in messages: never something that looks like a private key pasted by mistake. */
    private static String shown(String trimmed) {
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (upper.contains("SECRET-KEY") || upper.contains("PRIVATE KEY") || upper.startsWith("AGE-PLUGIN-")) {
            return "<redacted: this looks like a private key, not a public recipient>";
        }
        return trimmed.length() > 120 ? trimmed.substring(0, 120) + "..." : trimmed;
    }
}
