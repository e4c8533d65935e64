package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure the foundation names: one line on stderr (plus an optional hint) naming the file and line or
 * key, the documented exit code, no secret value in the message, and nothing written.
 */
class FailurePathsTest {
    private static final String SECRET = "hunter2-very-secret";

    @TempDir
    Path dir;
    private Keys keys;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("app.env"), "# header\nDB_PASSWORD=" + SECRET + "\nAPI_KEY=" + SECRET + "-2\n");
    }

    private Path encrypted() {
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        return dir.resolve("app.env.enc");
    }

    private static void assertFails(Cli.Run run, ExitCode code, String... mentions) {
        assertEquals(code.code(), run.exitCode(), run.stderr());
        assertEquals(0, run.stdout().length, "nothing on stdout");
        String[] lines = run.stderr().split("\n");
        assertTrue(lines.length <= 2 + 4, "short message: " + run.stderr());
        assertTrue(lines[0].startsWith("secrets: "), run.stderr());
        assertFalse(run.stderr().contains(SECRET), "secret leaked: " + run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace without --debug");
        for (String mention : mentions) {
            assertTrue(run.stderr().contains(mention), "mentions " + mention + ": " + run.stderr());
        }
    }

    @Test
    void encrypt_malformedLine_exit12NamesLineNotContent() throws Exception {
        Files.writeString(dir.resolve("bad.env"), "A=1\nTOKEN " + SECRET + "\n");
        assertFails(cli.run("encrypt", "--age", keys.recipient(), "bad.env", "-o", "out.enc"),
                ExitCode.DOTENV_SYNTAX, "bad.env", "line 2");
        assertFalse(Files.exists(dir.resolve("out.enc")));
    }

    @Test
    void encrypt_sopsKeyInPlaintext_exit203NamesKey() throws Exception {
        Files.writeString(dir.resolve("bad.env"), "A=1\nsops_thing=" + SECRET + "\n");
        assertFails(cli.run("encrypt", "--age", keys.recipient(), "bad.env", "-o", "out.enc"),
                ExitCode.ALREADY_ENCRYPTED, "sops_thing", "line 2");
        assertFalse(Files.exists(dir.resolve("out.enc")));
    }

    @Test
    void encrypt_alreadyEncrypted_exit203() {
        Path enc = encrypted();
        assertFails(cli.run("encrypt", "--age", keys.recipient(), enc.toString(), "-o", "twice.enc"),
                ExitCode.ALREADY_ENCRYPTED, "already encrypted");
        assertFalse(Files.exists(dir.resolve("twice.enc")));
    }

    @Test
    void encrypt_invalidRecipient_exit26() {
        assertFails(cli.run("encrypt", "--age", "age1notakey", "app.env", "-o", "out.enc"),
                ExitCode.INVALID_RECIPIENT, "age1notakey");
        assertFalse(Files.exists(dir.resolve("out.enc")));
    }

    @Test
    void encrypt_noRecipients_exit60() {
        assertFails(cli.run("encrypt", "app.env"), ExitCode.NO_RECIPIENTS, "--age");
    }

    @Test
    void decrypt_plainFile_exit14() {
        assertFails(cli.run("decrypt", "app.env"), ExitCode.NOT_ENCRYPTED, "app.env");
    }

    @Test
    void decrypt_noIdentityMatches_exit128ListsRecipients() throws Exception {
        Path enc = encrypted();
        Keys other = Keys.create(dir.resolve("other.txt"));
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", other.file().toString()).run("decrypt", enc.toString());
        assertFails(run, ExitCode.COULD_NOT_RETRIEVE_KEY, keys.recipient());
    }

    @Test
    void decrypt_noIdentityAnywhere_exit128ListsPlacesLooked() {
        Path enc = encrypted();
        assertFails(new Cli(dir).run("decrypt", enc.toString()), ExitCode.COULD_NOT_RETRIEVE_KEY,
                "SOPS_AGE_KEY_FILE", "keys.txt");
    }

    @Test
    void decrypt_malformedIdentity_exit27NamesLine() throws Exception {
        Path enc = encrypted();
        Files.writeString(dir.resolve("bad-key.txt"), "# comment\nAGE-SECRET-KEY-1" + SECRET.toUpperCase() + "\n");
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", dir.resolve("bad-key.txt").toString())
                .run("decrypt", enc.toString());
        assertEquals(ExitCode.INVALID_IDENTITY.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("line 2"), run.stderr());
        assertFalse(run.stderr().toUpperCase().contains(SECRET.toUpperCase()), run.stderr());
    }

    @Test
    void decrypt_missingFile_exit100() {
        assertFails(cli.run("decrypt", "nope.env"), ExitCode.FILE_NOT_FOUND, "nope.env");
    }

    @Test
    void decrypt_folder_exit2() throws Exception {
        Files.createDirectory(dir.resolve("folder.env"));
        assertFails(cli.run("decrypt", "folder.env"), ExitCode.INPUT_UNREADABLE, "folder.env");
    }

    @Test
    void decrypt_unwritableOutput_exit3AndNoFile() {
        Path enc = encrypted();
        assertFails(cli.run("decrypt", enc.toString(), "-o", "missing-folder/out.env"),
                ExitCode.OUTPUT_UNWRITABLE, "missing-folder");
        assertFalse(Files.exists(dir.resolve("missing-folder")));
    }

    @Test
    void decrypt_outputIsFolder_exit3ExistingUntouched() throws Exception {
        Path enc = encrypted();
        Files.createDirectory(dir.resolve("target.env"));
        assertFails(cli.run("decrypt", enc.toString(), "-o", "target.env"), ExitCode.OUTPUT_UNWRITABLE, "target.env");
        assertTrue(Files.isDirectory(dir.resolve("target.env")));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temp file left behind");
        }
    }

    @Test
    void decrypt_truncatedFile_failsAndWritesNothing() throws Exception {
        Path enc = encrypted();
        byte[] bytes = Files.readAllBytes(enc);
        for (int cut : new int[] {bytes.length / 4, bytes.length / 2, bytes.length - 30, bytes.length - 8}) {
            Path truncated = dir.resolve("truncated.enc");
            Files.write(truncated, java.util.Arrays.copyOf(bytes, cut));
            Cli.Run run = cli.run("decrypt", truncated.toString(), "-o", "out.env");
            assertTrue(run.exitCode() != 0, "cut at " + cut);
            assertFalse(run.stderr().contains(SECRET));
            assertFalse(Files.exists(dir.resolve("out.env")));
        }
    }

    @Test
    void decrypt_binaryGarbage_exit12() throws Exception {
        byte[] garbage = new byte[4096];
        new SecureRandom().nextBytes(garbage);
        garbage[0] = 'x';
        Files.write(dir.resolve("garbage.enc"), garbage);
        assertFails(cli.run("decrypt", "garbage.enc"), ExitCode.DOTENV_SYNTAX, "garbage.enc", "line 1");
    }

    @Test
    void decrypt_tamperedValue_exit25NamesKey() throws Exception {
        Path enc = encrypted();
        String text = Files.readString(enc);
        int at = text.indexOf("DB_PASSWORD=ENC[AES256_GCM,data:") + "DB_PASSWORD=ENC[AES256_GCM,data:".length();
        char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
        Files.writeString(enc, text.substring(0, at) + flipped + text.substring(at + 1));
        assertFails(cli.run("decrypt", enc.toString()), ExitCode.VALUE_TAMPERED, "DB_PASSWORD");
    }

    @Test
    void decrypt_macChanged_exit51AndIgnoreMacWarns() throws Exception {
        Path enc = encrypted();
        String text = Files.readString(enc);
        Files.writeString(enc, text.replaceFirst("(?m)^DB_PASSWORD=.*\n", "")
                .replaceFirst("(?m)^# ", "#"));
        assertFails(cli.run("decrypt", enc.toString()), ExitCode.MAC_MISMATCH, "MAC");
        Cli.Run ignored = cli.run("decrypt", "--ignore-mac", enc.toString());
        assertEquals(0, ignored.exitCode(), ignored.stderr());
        assertTrue(ignored.stderr().contains("warning") && ignored.stderr().contains("MAC"), ignored.stderr());
        assertTrue(ignored.out().contains("API_KEY=" + SECRET + "-2\n"));
    }

    @Test
    void decrypt_inPlaceAndOutput_exit8() {
        Path enc = encrypted();
        assertFails(cli.run("decrypt", enc.toString(), "-i", "-o", "x"), ExitCode.CONFLICTING_OPTIONS, "-i");
    }

    @Test
    void decrypt_inPlace_replacesAtomicallyKeepingMode() throws Exception {
        Path enc = encrypted();
        Files.setPosixFilePermissions(enc, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Cli.Run run = cli.run("decrypt", "-i", enc.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertArrayEquals(Files.readAllBytes(dir.resolve("app.env")), Files.readAllBytes(enc));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(enc)));
    }

    @Test
    void decrypt_stdin_matchesFile() throws Exception {
        Path enc = encrypted();
        Cli.Run run = cli.stdin(Files.readAllBytes(enc)).run("decrypt", "-", "--input-type", "dotenv");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(Files.readString(dir.resolve("app.env")), run.out());
    }

    @Test
    void decrypt_unknownInputType_exit65() {
        Path enc = encrypted();
        assertFails(cli.run("decrypt", "--input-type", "toml", enc.toString()), ExitCode.UNSUPPORTED, "toml");
    }

    @Test
    void decrypt_extractMissingKey_exit90() {
        Path enc = encrypted();
        assertFails(cli.run("decrypt", "--extract", "NOPE", enc.toString()), ExitCode.KEY_NOT_FOUND, "NOPE");
    }

    @Test
    void unknownOption_exit64WithHint() {
        Cli.Run run = cli.run("decrypt", "--bogus", "x");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.stderr().contains("--help"), run.stderr());
    }

    @Test
    void version_printsVersionAndFormat() {
        Cli.Run run = cli.run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("secrets "), run.out());
        assertTrue(new String(run.stdout(), StandardCharsets.UTF_8).contains("3.13.2"));
    }

    @Test
    void set_throughSymlink_updatesTheTargetAndKeepsTheLink() throws Exception {
        Path enc = encrypted();
        java.nio.file.Files.createDirectory(dir.resolve("real"));
        Path real = dir.resolve("real/app.env.enc");
        Files.move(enc, real);
        Files.createSymbolicLink(dir.resolve("link.enc"), real);
        Cli.Run run = cli.stdin("new".getBytes(StandardCharsets.UTF_8)).run("set", "link.enc", "B", "--stdin");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.isSymbolicLink(dir.resolve("link.enc")), "the link stays a link");
        assertEquals("new", new String(cli.run("get", real.toString(), "B").stdout(), StandardCharsets.UTF_8));
        Cli.Run dec = cli.run("decrypt", "-i", "link.enc");
        assertEquals(0, dec.exitCode(), dec.stderr());
        assertTrue(Files.isSymbolicLink(dir.resolve("link.enc")));
        assertTrue(Files.readString(real).contains("B=new"), "decrypt -i wrote through the link");
    }

    @Test
    void decrypt_outputIsTheEncryptedInput_refusedUnlessInPlace() throws Exception {
        Path enc = encrypted();
        byte[] before = Files.readAllBytes(enc);
        assertFails(cli.run("decrypt", "app.env.enc", "-o", "./app.env.enc"), ExitCode.CONFLICTING_OPTIONS, "-i");
        assertArrayEquals(before, Files.readAllBytes(enc));
    }

    @Test
    void decrypt_shamirGroupsWithTheSameShare_exit128NotUnexpected() throws Exception {
        Path vectors = Path.of("test-vectors").toAbsolutePath();
        String text = Files.readString(vectors.resolve("shamir-2-of-2/encrypted.env"));
        String group0 = text.lines().filter(l -> l.startsWith("sops_key_groups__list_0__map_age__list_0__map_enc="))
                .findFirst().orElseThrow().substring("sops_key_groups__list_0__map_age__list_0__map_enc=".length());
        String group1 = text.lines().filter(l -> l.startsWith("sops_key_groups__list_1__map_age__list_0__map_enc="))
                .findFirst().orElseThrow().substring("sops_key_groups__list_1__map_age__list_0__map_enc=".length());
        String alice = text.lines().filter(l -> l.startsWith("sops_key_groups__list_0__map_age__list_0__map_recipient="))
                .findFirst().orElseThrow().substring("sops_key_groups__list_0__map_age__list_0__map_recipient=".length());
        String bob = text.lines().filter(l -> l.startsWith("sops_key_groups__list_1__map_age__list_0__map_recipient="))
                .findFirst().orElseThrow().substring("sops_key_groups__list_1__map_age__list_0__map_recipient=".length());
        Files.writeString(dir.resolve("dup.env"), text.replace(group1, group0).replace(bob, alice));
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", vectors.resolve("keys/alice.txt").toString())
                .run("decrypt", "dup.env");
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("do not fit together"), run.stderr());
    }

    @Test
    void globalFlagsBeforeTheCommand_accepted() {
        Path enc = encrypted();
        Cli.Run run = cli.run("--verbose", "decrypt", enc.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("identity from"), run.stderr());
    }

    @Test
    void decrypt_extractWithEscapedQuote_findsTheKey() throws Exception {
        Files.writeString(dir.resolve("q.env"), "D\"B=quoted-key\n");
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "q.env", "-o", "q.enc").exitCode());
        Cli.Run run = cli.run("decrypt", "--extract", "[\"D\\\"B\"]", "q.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("quoted-key", run.out());
    }

    @Test
    void decrypt_emptiedRecipient_opensAsSopsDoes() throws Exception {
        Path enc = encrypted();
        String text = Files.readString(enc).replaceAll("(?m)^(sops_age__list_0__map_recipient=).*$", "$1");
        Files.writeString(enc, text);
        Cli.Run run = cli.run("decrypt", enc.toString());
        assertEquals(0, run.exitCode(), run.stderr());
    }
}
