package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link RotationStore} over a map, counting backups; commits of one key can be made to fail. */
final class MemoryStore implements RotationStore {
    final Map<String, String> values = new LinkedHashMap<>();
    int backups;
    int commits;
    String failCommitOf;

    MemoryStore(Map<String, String> initial) {
        values.putAll(initial);
    }

    Map<String, SecretBytes> secrets() {
        Map<String, SecretBytes> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, SecretBytes.ofUtf8(v)));
        return out;
    }

    @Override
    public void backup() {
        backups++;
    }

    @Override
    public void commit(Map<String, SecretBytes> changes) throws IOException {
        if (failCommitOf != null && changes.containsKey(failCommitOf)) {
            throw new IOException("injected: disk full while writing [" + failCommitOf + "]");
        }
        changes.forEach((key, value) -> values.put(key, value.toUtf8()));
        commits++;
    }
}
