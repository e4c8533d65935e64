package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render --out} in its own JVM, killed or starved for real: {@code kill -9} at random points and right
 * inside the write, a file-size limit ({@code ulimit -f}) and a full file system (a 256 KiB tmpfs in a user
 * namespace). Each time the existing {@code .env} holds the old or the new content, never anything else.
 *
 * <p>Decided behaviour for {@code kill -9} (documented in docs/commands/render.md): a killed write may leave a
 * hidden owner-only temporary file {@code ..env.tmp-<12 hex>} beside {@code .env}; the next {@code render --out}
 * to that path removes every such file whose writer is gone, and {@code .env} itself is never partial.
 */
class RenderProcessTest {
    private static final int KILLS = 30;
    private static final byte[] OLD_ENV = "DB_PASSWORD=the-old-one\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static Encrypted enc;
    private static byte[] bigRendered;

    @BeforeAll
    static void bigFile() throws Exception {
        enc = Encrypted.in(dir);
        // About 2 MB of values, so that writing and syncing the output take long enough to be hit by a kill.
        SecureRandom random = new SecureRandom();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            byte[] value = new byte[600];
            random.nextBytes(value);
            plain.append("KEY_").append(i).append('=').append(HexFormat.of().formatHex(value)).append('\n');
        }
        enc.file("big.env.enc", plain.toString());
        Cli.Run rendered = enc.cli().run("render", "big.env.enc");
        assertEquals(0, rendered.exitCode(), rendered.stderr());
        bigRendered = rendered.stdout();
    }

    private Map<String, String> childEnv() {
        return Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(),
                "SOPS_AGE_KEY_FILE", enc.keys().file().toString());
    }

    private List<String> render(String... args) {
        List<String> command = SecretsProcess.javaCommand();
        command.add("render");
        command.addAll(List.of(args));
        return command;
    }

    private static List<Path> temps(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("..env.tmp-")).toList();
        }
    }

    @Test
    void render_killedWith9ManyTimes_envOldOrNewNeverPartialAndNextRunCleansTemps() throws Exception {
        Path work = Files.createDirectory(dir.resolve("kill"));
        Path env = work.resolve(".env");
        Random random = new Random(4);
        long started = System.nanoTime();
        SecretsProcess.Result whole = SecretsProcess.run(render(dir.resolve("big.env.enc").toString(), "--out",
                env.toString()), work, childEnv());
        assertEquals(0, whole.exitCode(), whole.stderr());
        long fullRunMillis = (System.nanoTime() - started) / 1_000_000;
        assertArrayEquals(bigRendered, Files.readAllBytes(env));

        int sawOld = 0;
        int sawNew = 0;
        int killedWhileWriting = 0;
        int tempsLeft = 0;
        for (int i = 0; i < KILLS; i++) {
            Files.write(env, OLD_ENV);
            Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
            List<Path> tempsBefore = temps(work);
            ProcessBuilder builder = new ProcessBuilder(render(dir.resolve("big.env.enc").toString(), "--out",
                    env.toString())).directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(childEnv());
            Process process = builder.start();
            if (i % 2 == 0) {
                // Wait until this run's temporary file appears, then kill it inside the write.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (process.isAlive() && System.nanoTime() < deadline && tempsBefore.containsAll(temps(work))) {
                    Thread.onSpinWait();
                }
            } else {
                Thread.sleep(random.nextInt((int) Math.max(1, fullRunMillis * 12 / 10)));
            }
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            byte[] now = Files.readAllBytes(env);
            if (Arrays.equals(OLD_ENV, now)) {
                sawOld++;
            } else {
                assertArrayEquals(bigRendered, now, "run " + i + ": .env is neither the old nor the new content");
                sawNew++;
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
            if (!tempsBefore.containsAll(temps(work))) {
                killedWhileWriting++; // this run's own temporary file is still there: it died inside the write
            }
            // Each run removes the abandoned files before it writes, so at most its own can be left.
            assertTrue(temps(work).size() <= 1, "run " + i + ": " + temps(work));
            tempsLeft += temps(work).size();
            for (Path temp : temps(work)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)),
                        "a left-over temporary file is owner-only");
            }
        }
        assertTrue(killedWhileWriting >= 3, "killed inside the write only " + killedWhileWriting + " times");
        assertTrue(sawOld > 0, "some kills came before the rename");
        assertTrue(tempsLeft > 0, "kills inside the write leave temporary files for the next run to clean");
        int leftBehind = temps(work).size();

        SecretsProcess.Result next = SecretsProcess.run(render(dir.resolve("big.env.enc").toString(), "--out",
                env.toString()), work, childEnv());
        assertEquals(0, next.exitCode(), next.stderr());
        assertArrayEquals(bigRendered, Files.readAllBytes(env));
        assertEquals(List.of(), temps(work), "the next run removed all " + leftBehind + " abandoned temporary files");
        System.out.printf("kill -9 x%d (full run %d ms): old %d, new %d, killed inside the write %d, temps left"
                + " by kills %d%n", KILLS, fullRunMillis, sawOld, sawNew, killedWhileWriting, tempsLeft);
    }

    @Test
    void render_fileSizeLimit_exit3EnvUntouchedNoTemp() throws Exception {
        Path work = Files.createDirectory(dir.resolve("ulimit"));
        Path env = work.resolve(".env");
        Files.write(env, OLD_ENV);
        StringBuilder shell = new StringBuilder("ulimit -f 64; exec");
        for (String part : render(dir.resolve("big.env.enc").toString(), "--out", env.toString())) {
            shell.append(" '").append(part).append('\'');
        }
        // The JVM ignores SIGXFSZ, so writing past 64 KiB fails with EFBIG like a full disk would.
        SecretsProcess.Result run = SecretsProcess.run(List.of("bash", "-c", shell.toString()), work, childEnv());
        assertEquals(ExitCode.OUTPUT_UNWRITABLE.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("File too large"), run.stderr());
        assertEquals(0, run.stdout().length);
        assertArrayEquals(OLD_ENV, Files.readAllBytes(env));
        assertEquals(List.of(), temps(work));
    }

    @Test
    void render_fullFileSystem_exit3EnvUntouchedNoTemp() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tmpfs"));
        Assumptions.assumeTrue(new ProcessBuilder("unshare", "-r", "-m", "mount", "-t", "tmpfs", "-o", "size=64k",
                "tmpfs", mount.toString()).start().waitFor() == 0,
                "user namespaces or tmpfs mounts not available here: cannot make a tiny full file system");
        StringBuilder renderCommand = new StringBuilder();
        for (String part : render(dir.resolve("big.env.enc").toString(), "--out", mount + "/.env")) {
            renderCommand.append(" '").append(part).append('\'');
        }
        // A 256 KiB tmpfs visible only inside this namespace: old .env, then filled up, then render into it.
        String script = "set -u; mount -t tmpfs -o size=256k tmpfs '" + mount + "' || exit 90\n"
                + "printf 'DB_PASSWORD=the-old-one\\n' > '" + mount + "/.env'\n"
                + "head -c 1000000 /dev/zero > '" + mount + "/filler' 2>/dev/null\n"
                + renderCommand + "\n"
                + "echo \"exit=$?\" >&2\n"
                + "cat '" + mount + "/.env'; ls -A '" + mount + "' >&2\n";
        SecretsProcess.Result run = SecretsProcess.run(List.of("unshare", "-r", "-m", "bash", "-c", script), dir,
                childEnv());
        assertTrue(run.stderr().contains("exit=" + ExitCode.OUTPUT_UNWRITABLE.code()), run.stderr());
        assertTrue(run.stderr().contains("No space left on device"), run.stderr());
        assertArrayEquals(OLD_ENV, run.stdout(), ".env inside the full file system is byte-identical");
        List<String> listed = new ArrayList<>(List.of(run.stderr().split("\n")));
        assertTrue(listed.stream().noneMatch(l -> l.startsWith("..env.tmp-")), "no temporary file: " + listed);
    }
}
