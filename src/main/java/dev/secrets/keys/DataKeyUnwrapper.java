package dev.secrets.keys;

import dev.secrets.secret.SecretBytes;
import java.util.List;

/** Recovers the data key from the wrapped copies in a file, with the identities the user holds. */
public interface DataKeyUnwrapper {
    /**
     * Tries every identity against every wrapped copy and returns the first data key recovered.
     *
     * @throws KeyException.NoIdentityMatched when no identity opens any copy (the message lists the recipients)
     */
    SecretBytes unwrap(List<WrappedKey> candidates) throws KeyException;
}
