package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.CrashPoint;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real abrupt death leaves, and that the next run of another command removes it: {@code kill -9} of
 * {@code edit} while its editor is open (the plaintext copy in the private folder), and processes halted at the
 * crash point between writing a temporary copy and renaming it ({@code Runtime.halt}: no finally, no shutdown
 * hook, as {@code kill -9}) for {@code decrypt -o}, {@code keygen} and {@code set}. Live processes' files are
 * never touched; {@code doctor} reports what the next command does not own.
 */
class KillNineLeftoversTest {
    private static final String VALUE = "plain-value-must-not-stay-1";

    @TempDir
    Path dir;
    private Encrypted encrypted;
    private Path runtime;

    @BeforeEach
    void setUp() throws Exception {
        encrypted = Encrypted.in(dir);
        encrypted.file("app.env.enc", "A=" + VALUE + "\n");
        runtime = Files.createDirectory(dir.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void edit_killedWithEditorOpen_plaintextWipedByNextCommandLiveOneKept() throws Exception {
        Path editor = dir.resolve("editor.sh");
        // Records the file it was given and its pid, then blocks like an open editor.
        Files.writeString(editor, "#!/bin/sh\nprintf '%s\\n' \"$1\" > \"$READY.tmp\"\necho $$ >> \"$READY.tmp\"\n"
                + "mv \"$READY.tmp\" \"$READY\"\nexec sleep 120\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));

        Editing killed = startEdit(editor, dir.resolve("ready-1"));
        killed.process.destroyForcibly(); // SIGKILL
        assertTrue(killed.process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(137, killed.process.exitValue());
        ProcessHandle.of(killed.editorPid).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(Files.readString(killed.plaintext).contains(VALUE), "the plaintext copy stayed behind");
        assertTrue(killed.plaintext.getParent().getFileName().toString()
                .startsWith("secrets-" + killed.process.pid() + "-"), killed.plaintext.toString());

        Editing live = startEdit(editor, dir.resolve("ready-2"));
        try {
            Cli.Run next = cli().run("get", "app.env.enc", "A");
            assertEquals(0, next.exitCode(), next.stderr());
            assertFalse(Files.exists(killed.plaintext.getParent()), "the dead edit's folder is wiped");
            assertTrue(Files.readString(live.plaintext).contains(VALUE), "the live edit's file is left alone");
        } finally {
            live.process.destroyForcibly().waitFor();
            ProcessHandle.of(live.editorPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        cli().run("get", "app.env.enc", "A");
        try (Stream<Path> left = Files.list(runtime)) {
            assertEquals(List.of(), left.toList(), "nothing of either edit remains");
        }
    }

    @Test
    void decrypt_haltedBeforeRename_nextCommandRemovesTempDoctorReportsOtherFolder() throws Exception {
        Programs.run(List.of("git", "init", "-q"), dir, Map.of("PATH", System.getenv("PATH"), "HOME",
                dir.toString()), List.of());
        Files.createDirectory(dir.resolve("out"));
        // In this order: each new command cleans the working folder, so the second halt must be the one there.
        assertEquals(CrashPoint.HALT_STATUS, crashed("write.temp-written", "decrypt", "app.env.enc", "-o",
                "out/plain.env").exitCode());
        assertEquals(CrashPoint.HALT_STATUS, crashed("write.temp-written", "decrypt", "app.env.enc", "-o",
                "plain.env").exitCode());
        Path here = single(dir, ".plain.env.tmp-");
        Path inOut = single(dir.resolve("out"), ".plain.env.tmp-");
        assertTrue(Files.readString(here).contains(VALUE) && Files.readString(inOut).contains(VALUE),
                "plaintext temp files left");
        assertFalse(Files.exists(dir.resolve("plain.env")), "the output never appeared");

        Cli.Run doctor = cli().run("doctor", "--json");
        assertFalse(Files.exists(here), "the working folder's leftover was removed by the next command");
        assertTrue(Files.exists(inOut), "another folder's is only reported");
        assertTrue(doctor.out().contains("leftover.temp-file") && doctor.out().contains(inOut.toString()),
                doctor.out());
        assertFalse(doctor.out().contains(VALUE) || doctor.stderr().contains(VALUE));

        Cli.Run again = cli().run("decrypt", "app.env.enc", "-o", "out/plain.env");
        assertEquals(0, again.exitCode(), again.stderr());
        assertFalse(Files.exists(inOut), "the next write of that output removes it");
        Cli.Run clean = cli().run("doctor", "--json");
        assertFalse(clean.out().contains("leftover."), clean.out());
    }

    @Test
    void keygen_haltedBeforeRename_copyOfPrivateKeysRemovedByNextCommand() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Map<String, String> env = env();
        env.put("HOME", home.toString());
        env.remove("SOPS_AGE_KEY_FILE");
        List<String> keygen = SecretsProcess.javaCommand();
        keygen.add("keygen");
        assertEquals(0, SecretsProcess.run(keygen, dir, env).exitCode(), "the first identity");
        Path keysFolder = home.resolve(".config/sops/age");
        List<String> halting = SecretsProcess.javaCommand(List.of("-Dsecrets.test.crash=write.temp-written"));
        halting.add("keygen");
        SecretsProcess.Result halted = SecretsProcess.run(halting, dir, env);
        assertEquals(CrashPoint.HALT_STATUS, halted.exitCode(), halted.stderr());
        Path copy = single(keysFolder, ".keys.txt.tmp-");
        assertEquals(2, Files.readString(copy).split("AGE-SECRET-KEY-1", -1).length - 1,
                "the copy holds both private keys");

        Cli.Run next = new Cli(home).run("keygen", "-y",
                keysFolder.resolve("keys.txt").toString());
        assertEquals(0, next.exitCode(), next.stderr());
        assertFalse(Files.exists(copy), "the copy of the private keys is gone");
    }

    @Test
    void set_haltedBeforeRename_nextReadOfTheFileRemovesTemp() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.move(dir.resolve("app.env.enc"), dir.resolve("sub/app.env.enc"));
        assertEquals(CrashPoint.HALT_STATUS, crashed("write.temp-written", "set", "sub/app.env.enc", "B", "2")
                .exitCode());
        Path temp = single(dir.resolve("sub"), ".app.env.enc.tmp-");
        Cli.Run get = cli().run("get", "sub/app.env.enc", "A");
        assertEquals(0, get.exitCode(), get.stderr());
        assertEquals(VALUE, get.out().strip(), "the file is the old one");
        assertFalse(Files.exists(temp), "reading the file removed the killed writer's copy");
    }

    /** Runs {@code args} in a real process that halts at crash point {@code point}. */
    private SecretsProcess.Result crashed(String point, String... args) throws Exception {
        List<String> command = SecretsProcess.javaCommand(List.of("-Dsecrets.test.crash=" + point));
        command.addAll(List.of(args));
        return SecretsProcess.run(command, dir, env());
    }

    private Editing startEdit(Path editor, Path ready) throws Exception {
        List<String> command = SecretsProcess.javaCommand();
        command.addAll(List.of("edit", "app.env.enc"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(ready.getFileName() + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env());
        builder.environment().put("EDITOR", editor.toString());
        builder.environment().put("READY", ready.toString());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "edit started its editor: "
                    + Files.readString(dir.resolve(ready.getFileName() + ".log")));
            Thread.sleep(20);
        }
        List<String> lines = Files.readAllLines(ready);
        Path plaintext = Path.of(lines.get(0));
        assertTrue(plaintext.startsWith(runtime), "the copy is in $XDG_RUNTIME_DIR: " + plaintext);
        return new Editing(process, plaintext, Long.parseLong(lines.get(1).trim()));
    }

    private record Editing(Process process, Path plaintext, long editorPid) {
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", dir.toString());
        env.put("SOPS_AGE_KEY_FILE", encrypted.keys().file().toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        return env;
    }

    private Cli cli() {
        return encrypted.cli().env("XDG_RUNTIME_DIR", runtime.toString());
    }

    private static Path single(Path folder, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), "one " + prefix + "* in " + folder + ": " + found);
            return found.get(0);
        }
    }
}
