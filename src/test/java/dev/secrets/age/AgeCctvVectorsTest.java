package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
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
 * The C2SP CCTV age vectors: every vector with an X25519 identity must decrypt through {@link AgeFiles} exactly
 * when it expects success, to the expected payload hash; every other outcome must be an exception.
 */
class AgeCctvVectorsTest {
    private static final Path FOLDER = Path.of(System.getProperty("shared.dir"), "vectors", "age-cctv");
    private static final List<String> RAN = new ArrayList<>();
    private static final List<String> SKIPPED = new ArrayList<>();

    /** One parsed vector file. */
    record Vector(String name, String expect, String payload, List<String> identities, boolean passphrase,
            boolean armored, byte[] body) {
        boolean hasX25519() {
            return identities.stream().anyMatch(i -> i.startsWith("AGE-SECRET-KEY-1"));
        }

        String unsupportedKind() {
            if (passphrase) {
                return "scrypt passphrase";
            }
            if (identities.stream().anyMatch(i -> i.startsWith("AGE-SECRET-KEY-PQ-"))) {
                return "post-quantum hybrid identity";
            }
            if (identities.isEmpty()) {
                return "no identity";
            }
            return "unknown identity kind";
        }
    }

    @TestFactory
    Stream<DynamicTest> decrypt_cctvVector_matchesExpectation() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.sorted().toList()) {
                if (!file.getFileName().toString().endsWith(".md")) {
                    vectors.add(parse(file));
                }
            }
        }
        assertTrue(vectors.size() > 100, "expected the CCTV vectors in " + FOLDER);
        return vectors.stream().map(vector -> DynamicTest.dynamicTest(vector.name(), () -> run(vector)));
    }

    private static void run(Vector vector) throws Exception {
        if (!vector.hasX25519()) {
            SKIPPED.add(vector.name());
            assumeTrue(false, "unsupported kind: " + vector.unsupportedKind());
        }
        RAN.add(vector.name());
        List<AgeIdentity> identities = new ArrayList<>();
        for (String identity : vector.identities()) {
            if (identity.startsWith("AGE-SECRET-KEY-1")) {
                identities.add(AgeIdentity.parse(identity.toCharArray(), "vector " + vector.name()));
            }
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
                assertTrue(failure instanceof KeyException.NoIdentityMatched, failure.toString());
            }
        }
    }

    @Test
    void vectorFolder_x25519Vectors_areNotSkipped() throws IOException {
        int x25519 = 0;
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().endsWith(".md") && parse(file).hasX25519()) {
                    x25519++;
                }
            }
        }
        assertTrue(x25519 >= 90, "X25519 vectors found: " + x25519);
    }

    @AfterAll
    static void report() {
        System.out.println("CCTV age vectors: ran " + RAN.size() + " X25519 vectors, skipped " + SKIPPED.size()
                + " (scrypt, post-quantum or identity-less)");
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
        boolean passphrase = false;
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
                case "passphrase" -> passphrase = true;
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
