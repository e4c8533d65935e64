package dev.secrets.app;

import dev.secrets.age.AgeDataKeyWrapper;
import dev.secrets.age.AgeIdentities;
import dev.secrets.age.IdentityDiscovery;
import dev.secrets.io.Environment;
import dev.secrets.keys.DataKeyWrapper;
import dev.secrets.keys.KeyException;
import java.nio.file.Path;
import java.util.List;

/**
 * The user's keys for one run: identities are discovered on first use (so encrypting never reads private
 * keys) and then reused, because setting up age decryptors is costly.
 */
public final class Keyring implements AutoCloseable {
    private final Environment env;
    private final List<Path> identityFiles;
    private AgeIdentities identities;

    /** Keys from {@code env}'s discovery sources plus the explicit {@code --identity} files. */
    public Keyring(Environment env, List<Path> identityFiles) {
        this.env = env;
        this.identityFiles = List.copyOf(identityFiles);
    }

    /** The identities, discovered once. */
    public AgeIdentities identities() throws KeyException {
        if (identities == null) {
            try {
                identities = IdentityDiscovery.discover(env, identityFiles.stream().map(env::resolve).toList());
            } catch (KeyException.NoIdentityFound e) {
                // A malformed identity (or a wrong passphrase, a missing plugin...) is the real problem when it is
                // the only thing found: report it as such, with its own exit code.
                for (Throwable suppressed : e.getSuppressed()) {
                    if (suppressed instanceof KeyException specific && !(specific instanceof KeyException.WrapFailed)) {
                        throw specific;
                    }
                }
                throw e;
            }
        }
        return identities;
    }

    /** Wraps data keys for recipients. */
    public DataKeyWrapper wrapper() {
        return new AgeDataKeyWrapper();
    }

    /** Where the identities came from (for {@code --verbose}); empty before discovery. */
    public List<String> sources() {
        return identities == null ? List.of() : identities.sources();
    }

    /** One {@code --verbose} note per identity source used ("identity from ..."). */
    public List<String> notes() {
        return sources().stream().map(s -> "identity from " + s).toList();
    }

    @Override
    public void close() {
        if (identities != null) {
            identities.destroy();
        }
    }
}
