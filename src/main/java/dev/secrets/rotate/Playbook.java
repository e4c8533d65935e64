package dev.secrets.rotate;

import java.util.List;
import java.util.Optional;

/**
 * A parsed, validated rotation playbook: its credentials in execution order (dependencies first, then
 * {@code order}, then file order). {@code source} names the file for messages.
 */
public record Playbook(int version, List<Credential> credentials, String source) {
    /** Copies the list. */
    public Playbook {
        credentials = List.copyOf(credentials);
    }

    /** The entry for {@code key}, if any. */
    public Optional<Credential> credential(String key) {
        return credentials.stream().filter(c -> c.key().equals(key)).findFirst();
    }
}
