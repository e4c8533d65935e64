package dev.secrets.age;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.Destroyable;

/**
 * A new age X25519 key pair and the {@code age-keygen} file format:
 * <pre>
 * # created: 2006-01-02T15:04:05Z07:00
 * # public key: age1...
 * AGE-SECRET-KEY-1...
 * </pre>
 * (each line ending with LF, the time in RFC 3339 with seconds). Generated with the JDK's X25519; no
 * {@code toString} here or in {@link AgeIdentity} shows the private key.
 */
public final class AgeKeyPair implements Destroyable {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final int PKCS8_X25519_LENGTH = 48;

    private final AgeIdentity identity;

    private AgeKeyPair(AgeIdentity identity) {
        this.identity = identity;
    }

    /**
     * Generates a key pair from the JDK's secure random source.
     *
     * @throws KeyException.WrapFailed when the Java runtime has no X25519
     */
    public static AgeKeyPair generate() throws KeyException {
        byte[] encoded = null;
        byte[] scalar = null;
        try {
            PrivateKey privateKey = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate();
            encoded = privateKey.getEncoded();
            if (encoded == null || encoded.length != PKCS8_X25519_LENGTH) {
                throw new KeyException.WrapFailed("unexpected X25519 private key encoding from the Java runtime",
                        null, null);
            }
            // PKCS#8 for X25519: a 16-byte DER prefix, then the 32-byte scalar (RFC 8410).
            scalar = Arrays.copyOfRange(encoded, 16, 48);
            return new AgeKeyPair(AgeIdentity.fromScalar(scalar, "generated"));
        } catch (GeneralSecurityException e) {
            throw new KeyException.WrapFailed("cannot generate an X25519 key pair: " + e.getMessage(),
                    "use a Java runtime that provides X25519 (Java 11 or later)", e);
        } finally {
            SecretBytes.wipe(encoded);
            SecretBytes.wipe(scalar);
        }
    }

    /**
     * Generates a post-quantum hybrid key pair ({@code AGE-SECRET-KEY-PQ-1...}, recipient {@code age1pq1...}),
     * as {@code age-keygen -pq} does.
     */
    public static AgeKeyPair generateHybrid() throws KeyException {
        return new AgeKeyPair(HybridKeys.generate("generated"));
    }

    /** The public recipient ({@code age1...} or {@code age1pq1...}). */
    public String recipient() {
        return identity.recipient();
    }

    /** The private identity. */
    public AgeIdentity identity() {
        return identity;
    }

    /** The keys file as {@code age-keygen} writes it, stamped with {@code created} (truncated to seconds). */
    public SecretBytes keysFile(ZonedDateTime created) {
        byte[] comments = ("# created: " + RFC3339.format(created.truncatedTo(ChronoUnit.SECONDS)) + "\n"
                + "# public key: " + identity.recipient() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] secret = identity.encodedAscii();
        try {
            byte[] content = new byte[comments.length + secret.length + 1];
            System.arraycopy(comments, 0, content, 0, comments.length);
            System.arraycopy(secret, 0, content, comments.length, secret.length);
            content[content.length - 1] = '\n';
            return SecretBytes.adopt(content);
        } finally {
            SecretBytes.wipe(secret);
        }
    }

    /** The keys file stamped with the current time in the system time zone (as {@code age-keygen} does). */
    public SecretBytes keysFile() {
        return keysFile(ZonedDateTime.now());
    }

    /**
     * The recipients of every identity in a keys file, one per identity in file order ({@code age-keygen -y}).
     *
     * @throws KeyException.InvalidIdentity when the file cannot be read or parsed (line number, not content)
     */
    public static List<String> recipientsOf(Path identityFile) throws KeyException {
        return recipientsOf(IdentityFile.read(identityFile, "[" + identityFile + "]"));
    }

    /**
     * The recipients of every identity in keys-file text ({@code age-keygen -y} on standard input).
     *
     * @param source how to name the input in messages
     * @throws KeyException.InvalidIdentity when a line is not an identity (line number, not content)
     */
    public static List<String> recipientsOf(byte[] identityFileContent, String source) throws KeyException {
        return recipientsOf(IdentityFile.parse(identityFileContent, source));
    }

    private static List<String> recipientsOf(List<AgeIdentity> identities) throws KeyException {
        List<String> recipients = new ArrayList<>();
        for (AgeIdentity identity : identities) {
            if (identity.kind() == AgeIdentity.Kind.PLUGIN) {
                identities.forEach(AgeIdentity::destroy);
                throw new KeyException.UnsupportedKey("the recipient of a plugin identity (" + identity.recipient()
                        + ") is known only to its plugin", "ask the plugin, e.g. age-plugin-NAME --help", null);
            }
            recipients.add(identity.recipient());
            identity.destroy();
        }
        return recipients;
    }

    /** Zeroes the private key. */
    @Override
    public void destroy() {
        identity.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return identity.isDestroyed();
    }

    /** Shows the public recipient only. */
    @Override
    public String toString() {
        return "AgeKeyPair[" + identity.recipient() + "]";
    }
}
