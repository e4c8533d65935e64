package dev.secrets.age;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.bech32.Bech32Address;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.CharBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.math.BigInteger;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.security.auth.Destroyable;

/**
 * One age identity with the recipient it belongs to and the place it came from: an X25519 identity
 * ({@code AGE-SECRET-KEY-1...}, recipient {@code age1...}) or an OpenSSH Ed25519 key (recipient
 * {@code ssh-ed25519 AAAA...}, decrypting {@code ssh-ed25519} stanzas). The secret stays in a {@link SecretBytes};
 * {@link #toString()} shows only the public recipient and source.
 *
 * <p>The jagged stanza reader (which costs a throw-away key pair to set up) is built on first use and then kept,
 * so each identity builds it at most once per process.
 */
public final class AgeIdentity implements Destroyable {
    static final String PREFIX = "AGE-SECRET-KEY-1";
    private static final String HRP = "AGE-SECRET-KEY-";
    private static final int KEY_LENGTH = 32;
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    /**
     * The identity string as ASCII (X25519, post-quantum), the X25519 scalar derived from the Ed25519 seed (SSH),
     * or another kind's secret (a passphrase, an RSA private key), as its reader factory expects.
     */
    private final SecretBytes encoded;
    private final String recipient;
    private final String source;
    /** Builds the stanza reader from {@link #encoded}; null for X25519 (jagged's reader). */
    private final ReaderFactory factory;
    private final Kind kind;
    /** The identity string as ASCII, for kinds a keys file holds; null otherwise. */
    private final SecretBytes text;
    private RecipientStanzaReader reader;

    /** The kinds of identity. */
    public enum Kind {
        /** {@code AGE-SECRET-KEY-1...}. */
        X25519,
        /** An OpenSSH {@code ssh-ed25519} private key. */
        SSH_ED25519,
        /** An OpenSSH {@code ssh-rsa} private key. */
        SSH_RSA,
        /** A passphrase ({@code age -p}). */
        PASSPHRASE,
        /** {@code AGE-SECRET-KEY-PQ-1...}: ML-KEM-768 + X25519. */
        HYBRID,
        /** {@code AGE-PLUGIN-NAME-1...}, run through {@code age-plugin-NAME}. */
        PLUGIN
    }

    /** Makes the jagged reader of one identity kind from its secret (kept by the reader, not copied). */
    @FunctionalInterface
    interface ReaderFactory {
        RecipientStanzaReader create(SecretBytes secret) throws GeneralSecurityException;
    }

    private AgeIdentity(SecretBytes encoded, String recipient, String source, byte[] sshPublicKey) {
        this(encoded, recipient, source, sshPublicKey == null ? null
                : secret -> new SshEd25519StanzaReader(secret, sshPublicKey),
                sshPublicKey == null ? Kind.X25519 : Kind.SSH_ED25519);
    }

    private AgeIdentity(SecretBytes encoded, String recipient, String source, ReaderFactory factory, Kind kind) {
        this(encoded, recipient, source, factory, kind, kind == Kind.X25519 ? encoded : null);
    }

    private AgeIdentity(SecretBytes encoded, String recipient, String source, ReaderFactory factory, Kind kind,
            SecretBytes text) {
        this.encoded = encoded;
        this.recipient = recipient;
        this.source = source;
        this.factory = factory;
        this.kind = kind;
        this.text = text;
    }

    /**
     * An identity of another kind (passphrase, post-quantum, ssh-rsa, plugin) built by its own class.
     *
     * @param secret what {@code factory} needs; owned (destroyed with this identity)
     * @param text the identity string as ASCII for kinds a keys file holds, else null; owned
     */
    static AgeIdentity of(SecretBytes secret, String recipient, String source, ReaderFactory factory, Kind kind,
            SecretBytes text) {
        return new AgeIdentity(secret, recipient, source, factory, kind, text);
    }

    /**
     * A passphrase identity: opens files encrypted with {@code age -p} (one scrypt stanza).
     *
     * @param passphrase owned by the identity (destroyed with it)
     */
    public static AgeIdentity passphrase(SecretBytes passphrase, String source) {
        return new AgeIdentity(passphrase, "passphrase from " + source, source, ScryptStanza::reader, Kind.PASSPHRASE);
    }

    /**
     * Parses an OpenSSH private key ({@code -----BEGIN OPENSSH PRIVATE KEY-----}): {@code ssh-ed25519} or
     * {@code ssh-rsa}, unencrypted or passphrase-protected (asked for only when a file is addressed to it).
     *
     * @param content the key file's bytes; not kept (the caller may wipe them)
     * @param source where it came from, for messages, e.g. {@code SOPS_AGE_SSH_PRIVATE_KEY_FILE [/path]}
     * @throws KeyException.InvalidIdentity naming {@code source}, never key material
     * @throws KeyException.UnsupportedKey for other key types (ecdsa, dss...) and RSA under 2048 bits
     */
    public static AgeIdentity parseSsh(byte[] content, String source) throws KeyException {
        return SshIdentities.parse(content, source);
    }

    /**
     * Parses one identity string ({@code AGE-SECRET-KEY-1...}, upper case, no surrounding whitespace).
     *
     * @param text the identity; not kept (the caller may wipe it afterwards)
     * @param where where it came from, for messages, e.g. {@code SOPS_AGE_KEY_FILE [/path] line 3}
     * @throws KeyException.InvalidIdentity naming {@code where}, never the text
     */
    public static AgeIdentity parse(char[] text, String where) throws KeyException.InvalidIdentity {
        return parse(text, where, where);
    }

    static AgeIdentity parse(char[] text, String where, String source) throws KeyException.InvalidIdentity {
        byte[] scalar = null;
        byte[] ascii = new byte[text.length];
        try {
            if (!startsWith(text, PREFIX)) {
                throw invalid(where, "is not an age identity (expected AGE-SECRET-KEY-1...)");
            }
            Bech32Address address;
            try {
                address = Bech32.getDecoder().decode(CharBuffer.wrap(text));
            } catch (IllegalArgumentException e) {
                throw invalid(where, "is not a valid age identity (bad Bech32 encoding)");
            }
            scalar = address.getData();
            if (!HRP.contentEquals(address.getHumanReadablePart()) || scalar.length != KEY_LENGTH) {
                throw invalid(where, "is not a valid age identity");
            }
            for (int i = 0; i < text.length; i++) {
                ascii[i] = (byte) text[i];
            }
            String recipient = recipientOf(scalar);
            return new AgeIdentity(SecretBytes.copyOf(ascii), recipient, source, null);
        } finally {
            SecretBytes.wipe(scalar);
            SecretBytes.wipe(ascii);
        }
    }

    /** Builds an identity from a raw 32-byte X25519 private scalar (key generation). */
    static AgeIdentity fromScalar(byte[] scalar, String source) throws KeyException.InvalidIdentity {
        char[] chars = null;
        try {
            CharSequence bech32 = Bech32.getEncoder().encode(HRP, scalar);
            chars = new char[bech32.length()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = Character.toUpperCase(bech32.charAt(i));
            }
            return parse(chars, source, source);
        } finally {
            SecretBytes.wipe(chars);
        }
    }

    /** The public recipient of this identity: {@code age1...}, or {@code ssh-ed25519 AAAA...} (no comment). */
    public String recipient() {
        return recipient;
    }

    /** What kind of identity this is. */
    public Kind kind() {
        return kind;
    }

    /** Where this identity was loaded from, e.g. {@code SOPS_AGE_KEY_FILE [/home/me/keys.txt]}. */
    public String source() {
        return source;
    }

    /** The identity string ({@code AGE-SECRET-KEY-1...}) as ASCII; the caller must wipe the copy. */
    byte[] encodedAscii() {
        if (text == null) {
            throw new IllegalStateException("this identity has no keys-file form");
        }
        return text.copy();
    }

    /** The jagged reader for this identity, built once. */
    synchronized RecipientStanzaReader stanzaReader() throws KeyException.WrapFailed {
        if (reader == null && factory != null) {
            try {
                reader = factory.create(encoded);
            } catch (GeneralSecurityException e) {
                throw new KeyException.WrapFailed("cannot use the identity for [" + recipient + "] from " + source
                        + ": " + e.getMessage(), null, e);
            }
        }
        if (reader == null) {
            byte[] bytes = encoded.copy();
            char[] chars = new char[bytes.length];
            try {
                for (int i = 0; i < bytes.length; i++) {
                    chars[i] = (char) bytes[i];
                }
                reader = X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(CharBuffer.wrap(chars));
            } catch (GeneralSecurityException e) {
                throw new KeyException.WrapFailed("cannot use the identity for [" + recipient + "] from " + source,
                        "check that the Java runtime provides X25519 and ChaCha20-Poly1305", e);
            } finally {
                SecretBytes.wipe(bytes);
                SecretBytes.wipe(chars);
            }
        }
        return reader;
    }

    /** Zeroes the identity; later use fails. */
    @Override
    public synchronized void destroy() {
        encoded.destroy();
        if (reader instanceof Destroyable destroyable) {
            try {
                destroyable.destroy();
            } catch (javax.security.auth.DestroyFailedException e) {
                // nothing more can be zeroed
            }
        }
        if (text != null) {
            text.destroy();
        }
        reader = null;
    }

    @Override
    public boolean isDestroyed() {
        return encoded.isDestroyed();
    }

    /** Shows the public recipient and source only. */
    @Override
    public String toString() {
        return "AgeIdentity[" + recipient + " from " + source + "]";
    }

    private static String recipientOf(byte[] scalar) throws KeyException.InvalidIdentity {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
            PublicKey basePoint = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(privateKey);
            agreement.doPhase(basePoint, true);
            byte[] publicKey = agreement.generateSecret();
            return Bech32.getEncoder().encode("age", publicKey).toString();
        } catch (GeneralSecurityException e) {
            throw new KeyException.InvalidIdentity("cannot derive the public key of an age identity",
                    "check that the Java runtime provides X25519", e);
        }
    }

    private static boolean startsWith(char[] text, String prefix) {
        return text.length >= prefix.length()
                && Arrays.equals(text, 0, prefix.length(), prefix.toCharArray(), 0, prefix.length());
    }

    private static KeyException.InvalidIdentity invalid(String where, String what) {
        return new KeyException.InvalidIdentity(where + " " + what, IdentityFile.HINT, null);
    }
}
