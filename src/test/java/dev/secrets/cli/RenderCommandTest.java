package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets render} through the real command line, in process: outputs, modes, --check, fail-closed. */
class RenderCommandTest {
    private static final String SECRET = "s3cr3t-'\"$HOME`x`\\";
    private static final String PLAIN = "# db\nDB_URL=postgres://app@db/app\nDB_PASSWORD=" + SECRET
            + "\n\nAPI_KEY=abc def\n";
    private static final byte[] OLD_ENV = "DB_PASSWORD=the-old-one\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private Encrypted enc;
    private Cli cli;
    private Path file;
    private Path env;

    @BeforeEach
    void setUp() throws Exception {
        enc = Encrypted.in(dir);
        cli = enc.cli();
        file = enc.file("app.env.enc", PLAIN);
        env = dir.resolve(".env");
    }

    private void existingEnv() throws Exception {
        Files.write(env, OLD_ENV);
        Files.setLastModifiedTime(env, FileTime.fromMillis(1_000_000_000_000L));
    }

    private void assertEnvUntouched() throws Exception {
        assertArrayEquals(OLD_ENV, Files.readAllBytes(env), ".env byte-identical");
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(env), "not rewritten");
        assertEquals(List.of(".env"), hiddenFiles(), "no temporary file left");
    }

    private List<String> hiddenFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    private static void assertFailed(Cli.Run run, ExitCode code, String... mentions) {
        assertEquals(code.code(), run.exitCode(), run.stderr());
        assertEquals(0, run.stdout().length, "nothing on stdout");
        assertTrue(run.stderr().startsWith("secrets: "), run.stderr());
        assertFalse(run.stderr().contains("s3cr3t"), "no value in messages: " + run.stderr());
        for (String mention : mentions) {
            assertTrue(run.stderr().contains(mention), "mentions " + mention + ": " + run.stderr());
        }
    }

    @Test
    void render_default_writesWhatSopsDecryptPrintsWithComments() {
        Cli.Run render = cli.run("render", "app.env.enc");
        assertEquals(0, render.exitCode(), render.stderr());
        assertEquals("# db\nDB_URL=postgres://app@db/app\nDB_PASSWORD=" + SECRET + "\nAPI_KEY=abc def\n", render.out());
        Cli.Run only = cli.run("render", "app.env.enc", "--except", "API_KEY");
        assertEquals("DB_URL=postgres://app@db/app\nDB_PASSWORD=" + SECRET + "\n", only.out(), "a selection has no comments");
    }

    @Test
    void render_out_replacesWorldReadableFileWith0600OwnedByCaller() throws Exception {
        existingEnv();
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Run run = cli.run("render", "app.env.enc", "--out", ".env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(0, run.stdout().length);
        assertEquals(cli.run("render", "app.env.enc").out(), Files.readString(env));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        assertEquals(Files.getOwner(dir), Files.getOwner(env));
        assertEquals(List.of(".env"), hiddenFiles());
    }

    @Test
    void render_mode0640_thatMode() throws Exception {
        assertEquals(0, cli.run("render", "app.env.enc", "--out", ".env", "--mode", "0640").exitCode());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
    }

    @Test
    void render_badMode_refusedNothingWritten() throws Exception {
        existingEnv();
        assertFailed(cli.run("render", "app.env.enc", "--out", ".env", "--mode", "4755"),
                ExitCode.CONFLICTING_OPTIONS, "--mode");
        assertFailed(cli.run("render", "app.env.enc", "--out", ".env", "--mode", "rw"),
                ExitCode.CONFLICTING_OPTIONS, "--mode");
        assertEnvUntouched();
    }

    @Test
    void render_check_sameExit0DiffersExit1NothingWritten() throws Exception {
        assertEquals(ExitCode.CHECK_DIFFERS.code(), cli.run("render", "app.env.enc", "--out", ".env", "--check")
                .exitCode(), "missing file differs");
        assertFalse(Files.exists(env), "check writes nothing");
        assertEquals(0, cli.run("render", "app.env.enc", "--out", ".env").exitCode());
        FileTime written = Files.getLastModifiedTime(env);
        Cli.Run same = cli.run("render", "app.env.enc", "--out", ".env", "--check");
        assertEquals(0, same.exitCode(), same.stderr());
        assertEquals(0, same.stdout().length);
        existingEnv();
        assertEquals(1, cli.run("render", "app.env.enc", "--out", ".env", "--check").exitCode());
        assertEnvUntouched();
        assertTrue(written.toMillis() > 1_000_000_000_000L);
        assertEquals(1, cli.run("render", "app.env.enc", "--out", ".env", "--check", "--format", "shell")
                .exitCode(), "another format differs");
    }

    @Test
    void render_outIsTheInput_refusedInputUntouched() throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertFailed(cli.run("render", "app.env.enc", "--out", "./app.env.enc"), ExitCode.CONFLICTING_OPTIONS,
                "plaintext");
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void render_checkWithoutOut_refused() {
        assertFailed(cli.run("render", "app.env.enc", "--check"), ExitCode.CONFLICTING_OPTIONS, "--check");
    }

    @Test
    void render_onlyAndExcept_selectKeys() {
        assertEquals("DB_URL=postgres://app@db/app\nAPI_KEY=abc def\n",
                cli.run("render", "app.env.enc", "--only", "API_KEY,DB_URL").out());
        assertEquals("DB_URL=postgres://app@db/app\n",
                cli.run("render", "app.env.enc", "--except", "DB_PASSWORD", "--except", "API_KEY").out());
        assertFailed(cli.run("render", "app.env.enc", "--only", "DB_URL", "--except", "API_KEY"),
                ExitCode.CONFLICTING_OPTIONS);
    }

    @Test
    void render_unknownSelectedKey_exit90NothingWritten() throws Exception {
        existingEnv();
        assertFailed(cli.run("render", "app.env.enc", "--out", ".env", "--only", "DB_PASWORD"),
                ExitCode.KEY_NOT_FOUND, "DB_PASWORD");
        assertEnvUntouched();
    }

    @Test
    void render_keyTheFormatCannotCarry_exit70NamesKeyNothingWritten() throws Exception {
        enc.file("dash.env.enc", "GOOD=1\nBAD-KEY=" + SECRET + "\n");
        existingEnv();
        assertFailed(cli.run("render", "dash.env.enc", "--out", ".env", "--format", "shell"),
                ExitCode.RENDER_UNSUPPORTED, "BAD-KEY", "hint:");
        assertEnvUntouched();
    }

    @Test
    void render_k8sWithoutName_exit64() {
        assertFailed(cli.run("render", "app.env.enc", "--format", "k8s-secret"), ExitCode.USAGE, "--name");
        assertFailed(cli.run("render", "app.env.enc", "--format", "yaml"), ExitCode.USAGE, "yaml");
    }

    @Test
    void render_k8sSecret_manifestWithNameAndNamespace() {
        Cli.Run run = cli.run("render", "app.env.enc", "--format", "k8s-secret", "--name", "app-env",
                "--namespace", "prod", "--only", "API_KEY");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("apiVersion: v1\nkind: Secret\nmetadata:\n  name: \"app-env\"\n  namespace: \"prod\"\n"
                + "type: Opaque\nstringData:\n  \"API_KEY\": \"abc def\"\n", run.out());
    }

    @Test
    void render_tamperedValue_exit25EnvUntouched() throws Exception {
        String text = Files.readString(file);
        int data = text.indexOf("DB_PASSWORD=ENC[AES256_GCM,data:") + "DB_PASSWORD=ENC[AES256_GCM,data:".length();
        char c = text.charAt(data);
        Files.writeString(file, text.substring(0, data) + (c == 'A' ? 'B' : 'A') + text.substring(data + 1));
        existingEnv();
        assertFailed(cli.run("render", "app.env.enc", "--out", ".env"), ExitCode.VALUE_TAMPERED);
        assertEnvUntouched();
    }

    @Test
    void render_tamperedMac_exit51EnvUntouched() throws Exception {
        String text = Files.readString(file);
        int mac = text.indexOf("sops_mac=ENC[AES256_GCM,data:") + "sops_mac=ENC[AES256_GCM,data:".length();
        char c = text.charAt(mac);
        Files.writeString(file, text.substring(0, mac) + (c == 'A' ? 'B' : 'A') + text.substring(mac + 1));
        existingEnv();
        Cli.Run run = cli.run("render", "app.env.enc", "--out", ".env");
        assertTrue(run.exitCode() == ExitCode.MAC_MISMATCH.code() || run.exitCode() == ExitCode.VALUE_TAMPERED.code(),
                run.stderr());
        assertEnvUntouched();
    }

    @Test
    void render_removedLine_macMismatchExit51EnvUntouched() throws Exception {
        String text = Files.readString(file);
        int start = text.indexOf("API_KEY=");
        Files.writeString(file, text.substring(0, start) + text.substring(text.indexOf('\n', start) + 1));
        existingEnv();
        assertFailed(cli.run("render", "app.env.enc", "--out", ".env"), ExitCode.MAC_MISMATCH);
        assertEnvUntouched();
    }

    @Test
    void render_missingIdentity_exit128EnvUntouched() throws Exception {
        existingEnv();
        Cli noKey = new Cli(dir);
        assertFailed(noKey.run("render", "app.env.enc", "--out", ".env"), ExitCode.COULD_NOT_RETRIEVE_KEY);
        assertEnvUntouched();
        Encrypted other = Encrypted.in(Files.createDirectory(dir.resolve("other")));
        assertFailed(new Cli(dir).run("render", "app.env.enc", "--out", ".env", "--identity",
                other.keys().file().toString()), ExitCode.COULD_NOT_RETRIEVE_KEY);
        assertEnvUntouched();
    }

    @Test
    void render_symlinkOut_refusedExit71LinkAndTargetUntouched() throws Exception {
        existingEnv();
        Path link = dir.resolve("link.env");
        Files.createSymbolicLink(link, env);
        assertFailed(cli.run("render", "app.env.enc", "--out", "link.env"), ExitCode.OUTPUT_IS_SYMLINK, "link.env");
        assertFailed(cli.run("render", "app.env.enc", "--out", "link.env", "--check"), ExitCode.OUTPUT_IS_SYMLINK);
        assertTrue(Files.isSymbolicLink(link));
        assertEnvUntouched();
    }

    @Test
    void render_outIsFolder_exit72() throws Exception {
        Files.createDirectory(dir.resolve("folder"));
        assertFailed(cli.run("render", "app.env.enc", "--out", "folder"), ExitCode.OUTPUT_NOT_REGULAR_FILE, "folder");
        assertTrue(Files.isDirectory(dir.resolve("folder"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void render_outFolderIsAFile_exit3() throws Exception {
        Files.writeString(dir.resolve("not-a-folder"), "x");
        assertFailed(cli.run("render", "app.env.enc", "--out", "not-a-folder/.env"), ExitCode.OUTPUT_UNWRITABLE,
                "not-a-folder");
        assertFailed(cli.run("render", "app.env.enc", "--out", "missing/.env"), ExitCode.OUTPUT_UNWRITABLE,
                "missing");
    }

    @Test
    void render_immutableFolder_exit3EnvUntouched() throws Exception {
        existingEnv();
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("chattr", "+i", dir.toString())
                .redirectErrorStream(true).start().waitFor() == 0, "chattr +i not permitted here");
        try {
            // Even root cannot create or rename in an immutable folder: the write fails for real.
            assertFailed(cli.run("render", "app.env.enc", "--out", ".env"), ExitCode.OUTPUT_UNWRITABLE, ".env");
        } finally {
            assertEquals(0, new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor());
        }
        assertEnvUntouched();
    }

    @Test
    void render_abandonedTempOfKilledRun_removedByNextWrite() throws Exception {
        // AtomicFiles names its temporary files "." + name + ".tmp-" + 12 hex digits. Not in the working folder,
        // which every command cleans (KillNineLeftoversTest): here only render's own clean-up acts.
        Path out = Files.createDirectory(dir.resolve("out"));
        Path abandoned = out.resolve("..env.tmp-0123456789ab");
        Path unrelated = out.resolve("..env.tmp-backup");
        Files.writeString(abandoned, "DB_PASSWORD=half");
        Files.writeString(unrelated, "kept");
        assertEquals(1, cli.run("render", "app.env.enc", "--out", "out/.env", "--check").exitCode());
        assertTrue(Files.exists(abandoned), "--check writes and removes nothing");
        assertEquals(0, cli.run("render", "app.env.enc", "--out", "out/.env").exitCode());
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(unrelated), "only names a write could have made are removed");
    }

    @Test
    void render_stdin_dash() throws Exception {
        Cli.Run run = enc.cli().stdin(Files.readAllBytes(file)).run("render", "-", "--format", "json");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.out().contains("\"API_KEY\": \"abc def\""), run.out());
    }

    @Test
    void render_help_showsExamples() {
        Cli.Run run = cli.run("render", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--check") && run.out().contains("Examples:"), run.out());
    }
}
