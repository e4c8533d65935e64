package dev.secrets.age;

import dev.secrets.io.BoundedFiles;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The age keys-file format, as {@code age -i}, {@code age-keygen} and sops read it: one identity per line; lines
 * that are exactly empty or start with {@code #} are skipped; CRLF line ends are accepted; any other line
 * (including whitespace-only lines and trailing spaces) rejects the whole file. Errors name the source and the
 * line number, never the line's text. A keys file encrypted with a passphrase ({@code age -p}) is decrypted after
 * asking for the passphrase (see {@link EncryptedIdentityFile}). An OpenSSH {@code ssh-ed25519} private key is accepted in place
 * of a keys file, as {@code age -i} accepts it.
 */
public final class IdentityFile {
    static final String HINT = "a keys file holds one AGE-SECRET-KEY-1... per line; empty lines and lines "
            + "starting with # are ignored";

    private IdentityFile() {
    }

    /**
     * Reads a keys file (at most {@link BoundedFiles#MAX_SMALL_FILE} bytes).
     *
     * @param source how to name the file in messages, e.g. {@code SOPS_AGE_KEY_FILE [/path]}
     * @throws KeyException.InvalidIdentity when the file cannot be read or a line is not an identity
     */
    public static List<AgeIdentity> read(Path path, String source) throws KeyException {
        byte[] content = null;
        try {
            content = BoundedFiles.read(path, BoundedFiles.MAX_SMALL_FILE);
            return parse(content, source);
        } catch (NoSuchFileException e) {
            throw new KeyException.InvalidIdentity(source + " does not exist", null, null);
        } catch (IOException e) {
            throw new KeyException.InvalidIdentity(source + " cannot be read: " + e.getMessage(), null, e);
        } finally {
            SecretBytes.wipe(content);
        }
    }

    /**
     * Parses keys-file text.
     *
     * @param content the file's bytes (not kept; the caller may wipe them)
     * @param source how to name the file in messages
     * @throws KeyException.InvalidIdentity when a line is not an identity, or it holds no identity at all (an
     *     OpenSSH private key gives its one identity)
     * @throws KeyException.WrongPassphrase or {@link KeyException.PassphraseUnavailable} for a
     *     passphrase-encrypted identity file (see {@link EncryptedIdentityFile})
     */
    public static List<AgeIdentity> parse(byte[] content, String source) throws KeyException {
        if (startsWith(content, "age-encryption") || startsWith(content, "-----BEGIN AGE")) {
            // (not EncryptedIdentityFile.isEncrypted: that would load the class for every plain keys file)
            return EncryptedIdentityFile.parse(content, source);
        }
        if (startsWith(content, "-----BEGIN OPENSSH PRIVATE KEY-----")) {
            return List.of(AgeIdentity.parseSsh(content, source));
        }
        if (startsWith(content, "-----BEGIN RSA PRIVATE KEY")) {
            throw new KeyException.UnsupportedKey(source + " is an RSA key in the old PEM (PKCS#1) format; only "
                    + "the OpenSSH format is read", "convert a copy with 'ssh-keygen -p -f COPY' (it rewrites the key "
                    + "in the OpenSSH format) or use an age identity", null);
        }
        char[] text = decodeAscii(content, source);
        try {
            List<AgeIdentity> identities = new ArrayList<>();
            int lineNumber = 0;
            int start = 0;
            while (start < text.length) {
                int end = start;
                while (end < text.length && text[end] != '\n') {
                    end++;
                }
                lineNumber++;
                int lineEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
                if (lineEnd > start && text[start] != '#') {
                    char[] line = Arrays.copyOfRange(text, start, lineEnd);
                    try {
                        identities.add(parseLine(line, source + " line " + lineNumber, source));
                    } finally {
                        SecretBytes.wipe(line);
                    }
                }
                start = end + 1;
            }
            if (identities.isEmpty()) {
                throw new KeyException.InvalidIdentity(source + " contains no identity", HINT, null);
            }
            return identities;
        } finally {
            SecretBytes.wipe(text);
        }
    }

    /** Parses one non-comment line, refusing the kinds we recognise but do not support with a clear message. */
    static AgeIdentity parseLine(char[] line, String where, String source) throws KeyException {
        if (startsWith(line, HybridKeys.IDENTITY_PREFIX)) {
            return HybridKeys.parseIdentity(line, where, source);
        }
        if (startsWith(line, PluginKeys.IDENTITY_PREFIX)) {
            return PluginKeys.parseIdentity(line, where, source);
        }
        return AgeIdentity.parse(line, where, source);
    }

    private static char[] decodeAscii(byte[] content, String source) throws KeyException.InvalidIdentity {
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
            char[] text = new char[chars.remaining()];
            chars.get(text);
            return text;
        } catch (CharacterCodingException e) {
            throw new KeyException.InvalidIdentity(source + " is not UTF-8 text", HINT, null);
        } finally {
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    static boolean startsWith(byte[] content, String prefix) {
        if (content.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (content[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(char[] content, String prefix) {
        return content.length >= prefix.length()
                && Arrays.equals(content, 0, prefix.length(), prefix.toCharArray(), 0, prefix.length());
    }
}
