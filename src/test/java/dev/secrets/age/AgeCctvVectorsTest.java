package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.testsupport.Shared;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The C2SP CCTV age vectors, all of them (X25519, post-quantum hybrid, scrypt, armor, stream): each must decrypt
 * through {@link AgeFiles} exactly when it expects success, to the expected payload hash; a "no match" must be
 * reported as such, and a header or payload failure must not be.
 */
class AgeCctvVectorsTest {
    private static final Path FOLDER = Shared.vectors("age-cctv");
    private static final List<String> RAN = new ArrayList<>();

    /** One parsed vector file. */
    record Vector(String name, String expect, String payload, List<String> identities, String passphrase,
            boolean armored, byte[] body) {
    }

    @TestFactory
    Stream<DynamicTest> decrypt_cctvVector_matchesExpectation() throws IOException {
        List<Vector> vectors = vectors();
        assertTrue(vectors.size() > 100, "expected the CCTV vectors in " + FOLDER);
        return vectors.stream().map(vector -> DynamicTest.dynamicTest(vector.name(), () -> run(vector)));
    }

    private static void run(Vector vector) throws Exception {
        RAN.add(vector.name());
        List<AgeIdentity> identities = new ArrayList<>();
        for (String identity : vector.identities()) {
            identities.add(IdentityFile.parseLine(identity.toCharArray(), "vector " + vector.name(), vector.name()));
        }
        if (vector.passphrase() != null) {
            identities.add(AgeIdentity.passphrase(SecretBytes.ofUtf8(vector.passphrase()), "vector " + vector.name()));
        }
        AgeIdentities ageIdentities = AgeIdentities.of(identities);
        if (vector.expect().equals("success")) {
            SecretBytes plain = vector.armored()
                    ? AgeFiles.decryptArmored(vector.body(), ageIdentities, vector.name())
                    : AgeFiles.decryptBinary(vector.body(), ageIdentities, vector.name());
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain.copy()));
            assertEquals(vector.payload(), hash, "payload hash of " + vector.name());
            assertEquals(vector.armored(), AgeFiles.isArmored(vector.body()));
            SecretBytes detected = AgeFiles.decrypt(vector.body(), ageIdentities, vector.name());
            assertTrue(detected.equalsConstantTime(plain));
        } else {
            KeyException failure = assertThrows(KeyException.class, () -> {
                if (vector.armored()) {
                    AgeFiles.decryptArmored(vector.body(), ageIdentities, vector.name());
                } else {
                    AgeFiles.decryptBinary(vector.body(), ageIdentities, vector.name());
                }
            }, vector.name() + " expects " + vector.expect());
            if (vector.expect().equals("no match")) {
                // A wrong passphrase on a passphrase-only file is its own, more precise, no-match.
                boolean passphraseOnly = AgeDecryption.stanzaTypes(AgeFiles.isArmored(vector.body())
                        ? AgeArmor.dearmor(vector.body()) : vector.body()).equals(List.of(ScryptStanza.TYPE));
                assertTrue(failure instanceof KeyException.NoIdentityMatched
                        || passphraseOnly && failure instanceof KeyException.WrongPassphrase, failure.toString());
            }
        }
    }

    @Test
    void vectorFolder_everyKindOfVector_isPresent() throws IOException {
        List<Vector> vectors = vectors();
        assertTrue(vectors.stream().filter(v -> v.passphrase() != null).count() >= 25, "scrypt vectors");
        assertTrue(vectors.stream().filter(v -> v.identities().stream().anyMatch(i -> i.startsWith("AGE-SECRET-KEY-PQ-")))
                .count() >= 18, "hybrid vectors");
        assertTrue(vectors.stream().filter(v -> v.identities().stream().anyMatch(i -> i.startsWith("AGE-SECRET-KEY-1")))
                .count() >= 90, "X25519 vectors");
    }

    @AfterAll
    static void report() {
        System.out.println("CCTV age vectors: ran " + RAN.size() + ", skipped none");
    }

    private static List<Vector> vectors() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.sorted().toList()) {
                if (!file.getFileName().toString().endsWith(".md")) {
                    vectors.add(parse(file));
                }
            }
        }
        return vectors;
    }

    static Vector parse(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int bodyStart = -1;
        for (int i = 0; i + 1 < content.length; i++) {
            if (content[i] == '\n' && content[i + 1] == '\n') {
                bodyStart = i + 2;
                break;
            }
        }
        String header = new String(content, 0, bodyStart, StandardCharsets.UTF_8);
        String expect = null;
        String payload = null;
        List<String> identities = new ArrayList<>();
        String passphrase = null;
        boolean armored = false;
        boolean compressed = false;
        for (String line : header.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            switch (key) {
                case "expect" -> expect = value;
                case "payload" -> payload = value;
                case "identity" -> identities.add(value);
                case "passphrase" -> passphrase = value;
                case "armored" -> armored = value.equals("yes");
                case "compressed" -> compressed = value.equals("zlib");
                default -> { }
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(content, bodyStart, content.length);
        if (compressed) {
            body = inflate(body);
        }
        return new Vector(file.getFileName().toString(), expect, payload, identities, passphrase, armored, body);
    }

    private static byte[] inflate(byte[] compressed) throws IOException {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    throw new IOException("truncated zlib body");
                }
                out.write(buffer, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
