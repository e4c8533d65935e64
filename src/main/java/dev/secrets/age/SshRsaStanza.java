package dev.secrets.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The age {@code ssh-rsa} recipient stanza (C2SP age, "The ssh-rsa recipient type"):
 * {@code -> ssh-rsa TAG} where TAG is the first 4 bytes of SHA-256 of the SSH wire public key, and the body is the
 * file key under RSAES-OAEP with SHA-256, MGF1-SHA-256 and label {@code age-encryption.org/v1/ssh-rsa}. All JDK.
 */
final class SshRsaStanza {
    private static final byte[] LABEL = "age-encryption.org/v1/ssh-rsa".getBytes(StandardCharsets.US_ASCII);

    private SshRsaStanza() {
    }

    static RecipientStanzaWriter writer(SshRsaKey.Public recipient) {
        byte[] tag = SshEd25519Key.tag(recipient.wire());
        return fileKey -> {
            byte[] key = fileKey.getEncoded();
            try {
                Cipher oaep = cipher();
                oaep.init(Cipher.ENCRYPT_MODE, recipient.key(), parameters());
                byte[] body = oaep.doFinal(key);
                String tagText = Base64.getEncoder().withoutPadding().encodeToString(tag);
                return List.of(new AgeStanza(SshRsaKey.TYPE, List.of(tagText), body));
            } finally {
                SecretBytes.wipe(key);
            }
        };
    }

    /** Opens {@code ssh-rsa} stanzas whose tag is this key's. */
    static RecipientStanzaReader reader(RSAPrivateKey privateKey, RSAPublicKey publicKey, byte[] wire) {
        byte[] tag = SshEd25519Key.tag(wire);
        int modulusBytes = (publicKey.getModulus().bitLength() + 7) / 8;
        return stanzas -> {
            List<Exception> failures = new ArrayList<>();
            for (RecipientStanza stanza : stanzas) {
                if (!SshRsaKey.TYPE.equals(stanza.getType())) {
                    continue;
                }
                List<String> arguments = stanza.getArguments();
                if (arguments.size() != 1) {
                    throw new ScryptStanza.MalformedStanzaException("ssh-rsa stanza needs 1 argument");
                }
                byte[] stanzaTag = SshEd25519StanzaReader.decode(arguments.get(0));
                if (stanzaTag == null || stanzaTag.length != 4) {
                    throw new ScryptStanza.MalformedStanzaException("ssh-rsa tag is not canonical base64 of 4 bytes");
                }
                if (!Arrays.equals(stanzaTag, tag)) {
                    continue;
                }
                byte[] body = stanza.getBody();
                if (body.length != modulusBytes) {
                    throw new ScryptStanza.MalformedStanzaException("ssh-rsa stanza body is not the key's size");
                }
                try {
                    Cipher oaep = cipher();
                    oaep.init(Cipher.DECRYPT_MODE, privateKey, parameters());
                    byte[] fileKey = oaep.doFinal(body);
                    if (fileKey.length != 16) {
                        SecretBytes.wipe(fileKey);
                        throw new ScryptStanza.MalformedStanzaException("ssh-rsa file key is not 16 bytes");
                    }
                    return new FileKey(fileKey);
                } catch (BadPaddingException e) {
                    failures.add(new AEADBadTagException("ssh-rsa stanza did not decrypt"));
                }
            }
            UnsupportedRecipientStanzaException none = new UnsupportedRecipientStanzaException(failures.isEmpty()
                    ? "ssh-rsa Recipient Stanza for this key not found" : "ssh-rsa Recipient Stanza not matched");
            failures.forEach(none::addSuppressed);
            throw none;
        };
    }

    private static Cipher cipher() throws GeneralSecurityException {
        return Cipher.getInstance("RSA/ECB/OAEPPadding");
    }

    private static OAEPParameterSpec parameters() {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(LABEL));
    }
}
