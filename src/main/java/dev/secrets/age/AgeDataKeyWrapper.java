package dev.secrets.age;

import dev.secrets.keys.DataKeyWrapper;
import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Wraps a sops data key for one age recipient (X25519 or {@code ssh-ed25519}) exactly as sops does: the raw key bytes are encrypted to
 * that single recipient and the age file is ASCII-armored ({@code -----BEGIN AGE ENCRYPTED FILE-----} LF,
 * padded base64 in 64-column lines, {@code -----END AGE ENCRYPTED FILE-----} LF). Keeps no copy of the key.
 */
public final class AgeDataKeyWrapper implements DataKeyWrapper {
    /** The master key type handled here, as written in sops metadata. */
    public static final String TYPE = "age";

    /** A wrapper; it holds no state. */
    public AgeDataKeyWrapper() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Encrypts {@code dataKey} to {@code recipient} (trimmed) and returns the armored age file.
     *
     * @throws KeyException.InvalidRecipient when {@code recipient} is neither an X25519 age recipient nor an
     *     {@code ssh-ed25519} public key (unsupported kinds such as ssh-rsa or post-quantum keys are named)
     * @throws KeyException.WrapFailed when the Java runtime cannot perform the encryption
     */
    @Override
    public WrappedKey wrap(String recipient, SecretBytes dataKey) throws KeyException {
        AgeRecipient parsed = AgeRecipient.parse(recipient);
        byte[] plain = dataKey.copy();
        try {
            byte[] armored = AgeEncryption.encrypt(plain, List.of(parsed), true);
            return new WrappedKey(TYPE, parsed.value(), new String(armored, StandardCharsets.US_ASCII));
        } finally {
            SecretBytes.wipe(plain);
        }
    }
}
