package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keygen --pq}, and a dotenv file whose data key is wrapped to a post-quantum hybrid recipient: it opens
 * with {@code secrets} and with the independent sops-age peer (on typage 0.3, see interop/package.json overrides).
 */
class HybridRecipientCliTest {
    private static final String PLAIN = "DB_PASSWORD=pq-s3cret\nPORT=5432\n";

    @TempDir
    Path dir;
    private String recipient;

    @BeforeEach
    void setUp() throws Exception {
        Cli.Run keygen = new Cli(dir).run("keygen", "--pq", "-o", "pq.txt");
        assertEquals(0, keygen.exitCode(), keygen.stderr());
        recipient = keygen.stderr().lines().filter(l -> l.startsWith("Public key: ")).findFirst().orElseThrow()
                .substring("Public key: ".length());
        Files.writeString(dir.resolve("app.env"), PLAIN);
    }

    @Test
    void keygenPq_keysFile_holdsHybridIdentityAndRecipientComment() throws Exception {
        String keys = Files.readString(dir.resolve("pq.txt"));

        assertTrue(recipient.startsWith("age1pq1") && recipient.length() > 1900, recipient);
        assertTrue(keys.contains("# public key: " + recipient + "\n"), keys);
        assertTrue(keys.lines().anyMatch(l -> l.startsWith("AGE-SECRET-KEY-PQ-1")), "identity line");
        Cli.Run y = new Cli(dir).run("keygen", "-y", "pq.txt");
        assertEquals(recipient + "\n", y.out());
    }

    @Test
    void encryptAgeFlag_hybridRecipient_decryptsWithHybridKeysFile() {
        Cli.Run enc = new Cli(dir).run("encrypt", "--age", recipient, "app.env", "-o", "app.env.enc");
        assertEquals(0, enc.exitCode(), enc.stderr());

        Cli.Run dec = new Cli(dir).env("SOPS_AGE_KEY_FILE", dir.resolve("pq.txt").toString()).run("decrypt", "app.env.enc");

        assertEquals(0, dec.exitCode(), dec.stderr());
        assertEquals(PLAIN, dec.out());
    }

    @Test
    void encryptAgeFlag_hybridRecipient_sopsAgePeerOpensTheFile() throws Exception {
        Cli.Run enc = new Cli(dir).run("encrypt", "--age", recipient, "app.env", "-o", "app.env.enc");
        assertEquals(0, enc.exitCode(), enc.stderr());
        String identity = Files.readAllLines(dir.resolve("pq.txt")).stream()
                .filter(l -> l.startsWith("AGE-SECRET-KEY-PQ-1")).findFirst().orElseThrow();

        Peers.Result peer = Peers.sopsAge(dir.resolve("app.env.enc"), identity);

        assertEquals(0, peer.exitCode(), peer.stderr());
        assertEquals("{\"DB_PASSWORD\":\"pq-s3cret\",\"PORT\":\"5432\"}", peer.out());
    }

    @Test
    void encryptSopsYaml_hybridRecipient_decryptsWithHybridKeysFile() throws Exception {
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: .*\\.env$\n    age: " + recipient + "\n");
        Cli.Run enc = new Cli(dir).run("encrypt", "app.env", "-o", "out.env");
        assertEquals(0, enc.exitCode(), enc.stderr());
        assertTrue(Files.readString(dir.resolve("out.env")).contains("recipient=" + recipient));

        Cli.Run dec = new Cli(dir).env("SOPS_AGE_KEY_FILE", dir.resolve("pq.txt").toString()).run("decrypt", "out.env");

        assertEquals(0, dec.exitCode(), dec.stderr());
        assertEquals(PLAIN, dec.out());
    }
}
