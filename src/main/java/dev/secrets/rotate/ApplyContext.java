package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * What an applier gets for one credential: the key, its old value (absent when the file did not have it), the new
 * value, and the file's current values (read-only; appliers read their connection settings from them by key
 * name). The orchestrator owns every {@link SecretBytes} here: appliers must not destroy or keep them.
 */
public record ApplyContext(String key, Optional<SecretBytes> oldValue, SecretBytes newValue,
        Map<String, SecretBytes> values) {
    /** Wraps {@code values} read-only. */
    public ApplyContext {
        values = Collections.unmodifiableMap(values);
    }

    /** The text value of setting key {@code keyName} (named by playbook field {@code field}); fails when absent. */
    public String setting(String keyName, String field) throws ApplyException {
        return secretSetting(keyName, field).toUtf8().trim();
    }

    /** The value of setting key {@code keyName} as a secret; fails when absent or empty. */
    public SecretBytes secretSetting(String keyName, String field) throws ApplyException {
        SecretBytes value = values.get(keyName);
        if (value == null || value.length() == 0) {
            throw new ApplyException("[" + key + "] needs key [" + keyName + "] (named by " + field
                    + ") in the file, but it is missing or empty", false, null);
        }
        return value;
    }

    /** A TCP port from setting key {@code keyName}. */
    public int port(String keyName, String field) throws ApplyException {
        String text = setting(keyName, field);
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ApplyException("[" + key + "] key [" + keyName + "] (" + field + ") is not a port number", false,
                null);
    }
}
