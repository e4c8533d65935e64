package dev.secrets.rotate;

import dev.secrets.io.AtomicFiles;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link RotationStore} over a plain KEY=value file, rewritten atomically (stands in for the encrypted file). */
class LinesFileStore implements RotationStore {
    final Path path;

    LinesFileStore(Path path) {
        this.path = path;
    }

    Map<String, String> read() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }

    Map<String, SecretBytes> secrets() throws IOException {
        Map<String, SecretBytes> out = new LinkedHashMap<>();
        read().forEach((k, v) -> out.put(k, SecretBytes.ofUtf8(v)));
        return out;
    }

    static void write(Path path, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        AtomicFiles.write(path, text.toString().getBytes(StandardCharsets.UTF_8), AtomicFiles.OWNER_RW);
    }

    @Override
    public void backup() throws IOException {
        Files.copy(path, path.resolveSibling(path.getFileName() + ".bak"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void commit(Map<String, SecretBytes> changes) throws IOException {
        Map<String, String> values = read();
        changes.forEach((key, value) -> values.put(key, value.toUtf8()));
        write(path, values);
    }
}
