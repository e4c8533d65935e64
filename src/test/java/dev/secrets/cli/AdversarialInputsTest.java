package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions found by an adversarial hunt at the command line: each bad input gets one short message with a
 * documented exit code, no secret value, and nothing half-written.
 */
class AdversarialInputsTest {
    private static final String SECRET = "s3cret-Alpha-value";

    @TempDir
    Path dir;
    private Keys keys;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("app.env"), "# header\nDB_PASSWORD=" + SECRET + "\n");
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    private static void assertFails(Cli.Run run, ExitCode code, String... mentions) {
        assertEquals(code.code(), run.exitCode(), run.stderr());
        assertEquals(0, run.stdout().length, "nothing on stdout");
        assertTrue(run.stderr().startsWith("secrets: "), run.stderr());
        assertTrue(run.stderr().split("\n").length <= 2, "short message: " + run.stderr());
        assertFalse(run.stderr().contains(SECRET), "secret leaked: " + run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace without --debug");
        for (String mention : mentions) {
            assertTrue(run.stderr().contains(mention), "mentions " + mention + ": " + run.stderr());
        }
    }

    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        return fifo;
    }

    private void assertNoTempFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> temps = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
            assertTrue(temps.isEmpty(), "temp files left: " + temps);
        }
    }

    @Test
    void decrypt_outputIsPipe_exit3PipeNotReplaced() throws Exception {
        Path pipe = fifo("out.env");
        assertFails(cli.run("decrypt", "app.env.enc", "-o", "out.env"), ExitCode.OUTPUT_UNWRITABLE, "out.env",
                "not a regular file");
        assertTrue(Files.exists(pipe) && !Files.isRegularFile(pipe, LinkOption.NOFOLLOW_LINKS), "still a pipe");
        assertNoTempFiles();
    }

    @Test
    void encrypt_outputIsLinkToPipe_exit3LinkAndPipeKept() throws Exception {
        Path pipe = fifo("pipe");
        Path link = Files.createSymbolicLink(dir.resolve("out.enc"), pipe);
        assertFails(cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "out.enc"),
                ExitCode.OUTPUT_UNWRITABLE, "out.enc");
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a file");
        assertNoTempFiles();
    }

    @Test
    void encrypt_configRegexInvalid_exit62NamesConfigAndRule() throws Exception {
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - age: " + keys.recipient()
                + "\n    encrypted_regex: '(['\n");
        assertFails(cli.run("encrypt", "app.env", "-o", "out.enc"), ExitCode.CONFIG_INVALID, ".sops.yaml",
                "creation rule 1", "encrypted_regex");
        assertFalse(Files.exists(dir.resolve("out.enc")));
    }

    @Test
    void encrypt_configTopLevelList_exit62NotSilentlyIgnored() throws Exception {
        for (String config : new String[] {"- creation_rules:\n  - age: " + keys.recipient() + "\n", "hello\n"}) {
            Files.writeString(dir.resolve(".sops.yaml"), config);
            assertFails(cli.run("encrypt", "app.env", "-o", "out.enc"), ExitCode.CONFIG_INVALID, ".sops.yaml",
                    "mapping");
            assertFalse(Files.exists(dir.resolve("out.enc")));
        }
    }

    @Test
    void decrypt_keyCommandFloodsStderr_decryptsWithoutWaitingForTimeout() {
        Cli noisy = new Cli(dir).env("SOPS_AGE_KEY_CMD",
                "sh -c 'head -c 300000 /dev/zero >&2; cat \"$0\"' " + keys.file());
        Cli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> noisy.run("get", "app.env.enc", "DB_PASSWORD"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(SECRET, run.out());
    }

    @Test
    void decrypt_keyCommandPrintsTooMuch_exit27AtOnceNamingTheLimit() {
        Cli flooding = new Cli(dir).env("SOPS_AGE_KEY_CMD", "yes AGE-SECRET-KEY-1");
        Cli.Run run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> flooding.run("decrypt", "app.env.enc"));
        assertFails(run, ExitCode.INVALID_IDENTITY, "SOPS_AGE_KEY_CMD [yes]", "more than");
    }

    @Test
    void set_fileIsSymlink_updatesLinkedFileAndKeepsLink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.env.enc"), Path.of("app.env.enc"));
        Cli.Run run = cli.stdin("new-value".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .run("set", "link.env.enc", "ADDED", "--stdin");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a copy");
        Cli.Run get = cli.run("get", "app.env.enc", "ADDED");
        assertEquals(0, get.exitCode(), get.stderr());
        assertEquals("new-value", get.out());
        assertNoTempFiles();
        assertFalse(Files.exists(dir.resolve(".link.env.enc.lock")), "one lock per file, beside the real file");
    }
}
