package dev.secrets.app;

import dev.secrets.age.IdentityDiscovery;
import dev.secrets.audit.RecipientNames;
import dev.secrets.config.ConfigLoader;
import dev.secrets.io.BoundedFiles;
import dev.secrets.io.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for recipients, from comments in the {@code .sops.yaml} that applies to a file and from the
 * {@code # public key:} lines of the identity files the user has.
 */
final class RecipientDirectory {
    private final Environment env;
    private final List<Path> identityFiles;

    RecipientDirectory(Environment env, List<Path> identityFiles) {
        this.env = env;
        this.identityFiles = identityFiles;
    }

    /** The identity files of {@code env} that exist: {@code --identity}, {@code SOPS_AGE_KEY_FILE}, the default. */
    static List<Path> identityFiles(Environment env, List<Path> explicit) {
        List<Path> files = new ArrayList<>();
        explicit.forEach(p -> files.add(env.resolve(p)));
        env.get("SOPS_AGE_KEY_FILE").ifPresent(p -> files.add(env.resolve(Path.of(p))));
        IdentityDiscovery.defaultKeysFile(env).ifPresent(files::add);
        return files.stream().distinct().filter(Files::isRegularFile).toList();
    }

    /** Names for the recipients of {@code file}. */
    Map<String, String> namesFor(Path file) {
        Map<String, String> names = new LinkedHashMap<>();
        ConfigLoader.locate(file, null, env).ifPresent(config -> {
            try {
                names.putAll(RecipientNames.fromConfig(BoundedFiles.read(config, BoundedFiles.MAX_SMALL_FILE)));
            } catch (IOException e) {
                // No names from an unreadable config: the recipients are still listed.
            }
        });
        for (Path keys : identityFiles(env, identityFiles)) {
            try {
                byte[] text = BoundedFiles.read(keys, BoundedFiles.MAX_SMALL_FILE);
                try {
                    RecipientNames.fromKeyFile(text, "key file " + keys.getFileName()).forEach(names::putIfAbsent);
                } finally {
                    java.util.Arrays.fill(text, (byte) 0);
                }
            } catch (IOException e) {
                // As above.
            }
        }
        return names;
    }
}
