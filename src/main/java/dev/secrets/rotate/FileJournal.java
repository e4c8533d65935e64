package dev.secrets.rotate;

import dev.secrets.io.AtomicFiles;
import dev.secrets.io.BoundedFiles;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PendingSecretJournal} in one small owner-only file, rewritten atomically on every change and deleted
 * when empty. Pending values are stored only as the {@link Sealer} seals them (the file layer passes one that
 * encrypts to the file's recipients), so the journal is as safe to leave on disk as the encrypted file.
 *
 * <p>Format (text, one record a line): {@code secrets-rotation-journal v1}, then {@code pending KEY BASE64} and
 * {@code done RUN-ID KEY} lines. Keys and run ids are key names and never contain spaces.
 */
public final class FileJournal implements PendingSecretJournal {
    private static final String HEADER = "secrets-rotation-journal v1";
    private final Path path;
    private final Sealer sealer;

    /** Encrypts and decrypts pending values; the journal never sees the key that does it. */
    public interface Sealer {
        /** The sealed (encrypted, authenticated) form of {@code value}. */
        byte[] seal(SecretBytes value) throws IOException;

        /** The value sealed in {@code sealed}; fails when it was tampered with or cannot be decrypted. */
        SecretBytes open(byte[] sealed) throws IOException;
    }

    /** A journal at {@code path} (e.g. beside the encrypted file) sealing values with {@code sealer}. */
    public FileJournal(Path path, Sealer sealer) {
        this.path = path;
        this.sealer = sealer;
    }

    /** Where the journal lives. */
    public Path path() {
        return path;
    }

    @Override
    public void record(String key, SecretBytes newValue) throws IOException {
        State state = read();
        state.pending.put(key, Base64.getEncoder().encodeToString(sealer.seal(newValue)));
        write(state);
    }

    @Override
    public Optional<SecretBytes> pending(String key) throws IOException {
        String sealed = read().pending.get(key);
        if (sealed == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IOException("[" + path + "] is damaged: the pending value of [" + key + "] is not base64");
        }
        return Optional.of(sealer.open(bytes));
    }

    @Override
    public Set<String> pendingKeys() throws IOException {
        return new LinkedHashSet<>(read().pending.keySet());
    }

    @Override
    public void clear(String key) throws IOException {
        State state = read();
        if (state.pending.remove(key) != null) {
            write(state);
        }
    }

    @Override
    public void markRotated(String runId, String key) throws IOException {
        State state = read();
        if (state.done.add(runId + " " + key)) {
            write(state);
        }
    }

    @Override
    public Set<String> rotatedIn(String runId) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (String entry : read().done) {
            int space = entry.lastIndexOf(' ');
            if (entry.substring(0, space).equals(runId)) {
                keys.add(entry.substring(space + 1));
            }
        }
        return keys;
    }

    @Override
    public void finishRun(String runId) throws IOException {
        State state = read();
        if (state.done.removeIf(entry -> entry.substring(0, entry.lastIndexOf(' ')).equals(runId))) {
            write(state);
        }
    }

    private static final class State {
        final Map<String, String> pending = new LinkedHashMap<>();
        final Set<String> done = new LinkedHashSet<>();
    }

    private State read() throws IOException {
        State state = new State();
        if (!Files.exists(path)) {
            return state;
        }
        List<String> lines = new String(BoundedFiles.read(path, BoundedFiles.MAX_SMALL_FILE), StandardCharsets.UTF_8)
                .lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException("[" + path + "] is not a rotation journal");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            if (parts.length == 3 && parts[0].equals("pending")) {
                state.pending.put(parts[1], parts[2]);
            } else if (parts.length == 3 && parts[0].equals("done")) {
                state.done.add(parts[1] + " " + parts[2]);
            } else if (!lines.get(i).isBlank()) {
                throw new IOException("[" + path + ":" + (i + 1) + "] is not a journal record");
            }
        }
        return state;
    }

    private void write(State state) throws IOException {
        if (state.pending.isEmpty() && state.done.isEmpty()) {
            Files.deleteIfExists(path);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        state.pending.forEach((k, v) -> lines.add("pending " + k + " " + v));
        state.done.forEach(d -> lines.add("done " + d));
        AtomicFiles.write(path, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                AtomicFiles.OWNER_RW);
    }
}
