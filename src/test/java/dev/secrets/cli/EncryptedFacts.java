package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.keys.WrappedKey;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.store.DotenvSopsStore;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test needs to see inside an encrypted file, and the {@code age} CLI as an independent unwrapper. */
final class EncryptedFacts {
    private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,[^\\]]*\\]");

    private EncryptedFacts() {
    }

    /** Every {@code ENC[...]} of the values and comments, in file order (metadata lines excluded). */
    static List<String> valueCiphertexts(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("sops_")) {
                Matcher m = ENC.matcher(line);
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }

    /** The lines that are not metadata. */
    static List<String> dataLines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("sops_")).toList();
    }

    /** The value of metadata line {@code sops_<name>}. */
    static String metadataLine(Path file, String name) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("sops_" + name + "="))
                .findFirst().orElseThrow();
    }

    static Metadata metadata(Path file) throws Exception {
        return DotenvSopsStore.readEncrypted(Files.readAllBytes(file), file.toString()).metadata();
    }

    /** The age copies of the data key (or of the Shamir shares), group by group. */
    static List<List<WrappedKey>> groups(Path file) throws Exception {
        return metadata(file).keyGroups();
    }

    static List<String> recipients(Path file) throws Exception {
        return metadata(file).recipients();
    }

    /** Unwraps {@code key} with the {@code age} CLI and {@code identity}; null when age refuses. */
    static byte[] ageUnwrap(WrappedKey key, Path identity) throws Exception {
        Peers.Result result = Peers.age(key.enc().getBytes(StandardCharsets.US_ASCII), "-d", "-i", identity.toString());
        return result.exitCode() == 0 ? result.stdout() : null;
    }

    /** The single-group data key as the {@code age} CLI unwraps it with {@code identity}; 32 bytes. */
    static byte[] ageDataKey(Path file, Path identity) throws Exception {
        for (WrappedKey key : groups(file).get(0)) {
            byte[] plain = ageUnwrap(key, identity);
            if (plain != null) {
                assertEquals(32, plain.length, "a sops data key is 32 bytes");
                return plain;
            }
        }
        throw new AssertionError("age could not unwrap any copy in " + file + " with " + identity);
    }
}
