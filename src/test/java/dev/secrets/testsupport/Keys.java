package dev.secrets.testsupport;

import dev.secrets.age.AgeKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real age key pair written to a keys file, for tests. */
public record Keys(Path file, String recipient) {
    /** Generates a key pair and writes its identity file to {@code file}. */
    public static Keys create(Path file) throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        try {
            Files.write(file, pair.keysFile().copy());
            return new Keys(file, pair.recipient());
        } finally {
            pair.destroy();
        }
    }
}
