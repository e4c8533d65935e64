package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.EditFixture;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets edit} with real editor processes (bash scripts) on real files, one test per branch. After
 * every test no file under the runtime root, the temp root or the file's folder holds any test plaintext.
 */
class EditCommandTest {
    @TempDir
    Path root;
    private EditFixture fx;
    private Path file;
    private byte[] before;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EditFixture(root);
        file = fx.encrypted("app.env", 3);
        before = Files.readAllBytes(file);
    }

    @AfterEach
    void noPlaintextLeft() throws Exception {
        fx.assertNoPlaintextLeft();
    }


    @Test
    void edit_unchanged_exit200FileByteIdentical() throws Exception {
        Cli.Run run = fx.cli(fx.editor("noop", "true")).run("edit", "app.env");
        assertEquals(200, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("has not changed"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
        Path temp = fx.opened().get(0);
        assertTrue(temp.startsWith(fx.runtime), "temp file on the runtime root: " + temp);
        assertEquals("700 600", Files.readString(fx.tools.resolve("modes")).trim());
        assertFalse(Files.exists(temp.getParent()), "temp folder removed");
    }

    @Test
    void edit_savedWithoutChange_exit200() throws Exception {
        // Rewriting the same bytes (as ":wq" does) is no change.
        Cli.Run run = fx.cli(fx.editor("rewrite", "c=$(cat \"$1\"); printf '%s\\n' \"$c\" > \"$1\"")).run("edit", "app.env");
        assertEquals(200, run.exitCode(), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void edit_oneValueChanged_onlyThatLineAndMacChange() throws Exception {
        String changed = fx.secret("changed");
        Cli.Run run = fx.cli(fx.editor("sed", "sed -i 's/^KEY_2=.*/KEY_2=" + changed + "/' \"$1\""))
                .run("edit", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(changed, fx.get("KEY_2"));
        assertEquals(fx.values.get("KEY_1"), fx.get("KEY_1"));
        assertEquals(List.of("KEY_2", "sops_lastmodified", "sops_mac"), changedKeys(before, Files.readAllBytes(file)));
    }

    @Test
    void edit_valueAddedAndRemoved_newValueFreshCiphertext() throws Exception {
        String added = fx.secret("added");
        Cli.Run run = fx.cli(fx.editor("add", "sed -i '/^KEY_3=/d' \"$1\"; printf 'NEW=%s\\n' '" + added + "' >> \"$1\""))
                .run("edit", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(added, fx.get("NEW"));
        assertEquals(90, fx.cli(null).run("get", "app.env", "KEY_3").exitCode());
        List<String> after = EditFixture.lines(file);
        assertTrue(after.stream().anyMatch(l -> l.startsWith("NEW=ENC[AES256_GCM,")), "new value encrypted");
        for (String line : new String(before, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("KEY_1=") || line.startsWith("KEY_2=") || line.startsWith("#ENC[")) {
                assertTrue(after.contains(line), "kept exactly: " + line.substring(0, 6));
            }
        }
    }

    @Test
    void edit_invalidLineWithoutTerminal_exit204SavedAsideEncrypted() throws Exception {
        String typed = fx.secret("typed");
        Cli.Run run = fx.cli(fx.editor("broken", "printf 'GOOD=%s\\nthis line has no equals sign\\n' '" + typed
                + "' >> \"$1\"")).run("edit", "app.env");
        assertEquals(204, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("line 6"), "names the line: " + run.stderr());
        assertFalse(run.stderr().contains(typed), "no content in the message");
        assertArrayEquals(before, Files.readAllBytes(file), "file untouched");
        Path saved = rejectedFile();
        assertTrue(run.stderr().contains(saved.getFileName().toString()), run.stderr());
        assertTrue(saved.getFileName().toString().matches("app\\.env\\.rejected-\\d{8}T\\d{6}Z\\.age"), saved.toString());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
        String armored = Files.readString(saved);
        assertTrue(armored.startsWith("-----BEGIN AGE ENCRYPTED FILE-----"));
        Peers.Result decrypted = Peers.age(Files.readAllBytes(saved), "-d", "-i", fx.keys.file().toString());
        assertEquals(0, decrypted.exitCode(), decrypted.stderr());
        assertTrue(decrypted.out().contains("GOOD=" + typed + "\nthis line has no equals sign\n"));
        assertTrue(decrypted.out().contains("KEY_1=" + fx.values.get("KEY_1")));
    }

    @Test
    void edit_resumeFromRejected_appliesTheSavedText() throws Exception {
        String typed = fx.secret("typed");
        fx.cli(fx.editor("broken", "printf 'GOOD=%s\\nbroken\\n' '" + typed + "' >> \"$1\"")).run("edit", "app.env");
        Path saved = rejectedFile();
        Cli.Run run = fx.cli(fx.editor("fix", "sed -i '/^broken$/d' \"$1\""))
                .run("edit", "app.env", "--from", saved.getFileName().toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(typed, fx.get("GOOD"));
    }

    @Test
    void edit_sopsKeyAdded_exit204NamesLine() throws Exception {
        Cli.Run run = fx.cli(fx.editor("sops", "echo 'sops_mac=x' >> \"$1\"")).run("edit", "app.env");
        assertEquals(204, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("sops_"), run.stderr());
        assertTrue(run.stderr().contains("line 5"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
        rejectedFile();
    }

    @Test
    void edit_editorExitsNonZero_exit201Untouched() throws Exception {
        Cli.Run run = fx.cli(fx.editor("fail", "sed -i 's/^KEY_1=.*/KEY_1=zzz/' \"$1\"; exit 3")).run("edit", "app.env");
        assertEquals(201, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("exited with status 3"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertNoRejectedFile();
    }

    @Test
    void edit_editorKilled_exit201Untouched() throws Exception {
        Cli.Run run = fx.cli(fx.editor("kill", "sed -i 's/^KEY_1=.*/KEY_1=zzz/' \"$1\"; kill -9 $$")).run("edit", "app.env");
        assertEquals(201, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("killed by signal 9"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void edit_editorMissing_exit201() throws Exception {
        Cli.Run run = fx.cli(null).env("EDITOR", "/nonexistent/editor --wait").run("edit", "app.env");
        assertEquals(201, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("/nonexistent/editor"), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void edit_editorWithArguments_splitLikeAShell() throws Exception {
        Path script = fx.editor("args", "printf '%s|' \"$@\" > \"$T/args\"; sed -i 's/^KEY_1=.*/KEY_1=x/' \"$f\"");
        Cli.Run run = fx.cli(null).env("SOPS_EDITOR", script + " --wait 'two words'").env("EDITOR", "false")
                .run("edit", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        String args = Files.readString(fx.tools.resolve("args"));
        assertTrue(args.startsWith("--wait|two words|" + fx.runtime), args);
        assertEquals("x", fx.get("KEY_1"));
    }

    @Test
    void edit_secondConcurrentEdit_refusedExit206() throws Exception {
        String changed = fx.secret("first");
        Path waiting = fx.editor("wait", "touch \"$T/started\"; while [ ! -f \"$T/go\" ]; do sleep 0.02; done;"
                + " sed -i 's/^KEY_1=.*/KEY_1=" + changed + "/' \"$1\"");
        CompletableFuture<Cli.Run> first = CompletableFuture.supplyAsync(() -> fx.cli(waiting).run("edit", "app.env"));
        awaitFile(fx.tools.resolve("started"));
        try {
            Cli.Run second = fx.cli(fx.editor("noop", "true")).run("edit", "app.env");
            assertEquals(206, second.exitCode(), second.stderr());
            assertTrue(second.stderr().contains("is in use by pid " + ProcessHandle.current().pid()), second.stderr());
            assertTrue(second.stderr().contains(".app.env.lock"), second.stderr());
            Cli.Run set = fx.cli(null).stdin("v".getBytes(StandardCharsets.UTF_8)).run("set", "app.env", "K", "--stdin");
            assertEquals(206, set.exitCode(), "set waits for no one either: " + set.stderr());
        } finally {
            // Release the waiting editor whatever happened, or it holds the editor slot for the next tests.
            Files.createFile(fx.tools.resolve("go"));
        }
        Cli.Run done = first.get(30, TimeUnit.SECONDS);
        assertEquals(0, done.exitCode(), done.stderr());
        assertEquals(changed, fx.get("KEY_1"));
    }

    @Test
    void edit_staleLockOfDeadProcess_takenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(fx.work.resolve(".app.env.lock"), "pid=" + dead.pid() + "\nhost="
                + dev.secrets.io.LockFile.hostName() + "\nstarted=2020-01-01T00:00:00Z\n");
        Cli.Run run = fx.cli(fx.editor("sed", "sed -i 's/^KEY_1=.*/KEY_1=y/' \"$1\"")).run("edit", "app.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("y", fx.get("KEY_1"));
    }

    @Test
    void edit_fileChangedOnDisk_exit205NotOverwrittenEditSavedAside() throws Exception {
        String mine = fx.secret("mine");
        Path other = fx.tools.resolve("other.env");
        Cli.Run encrypt = fx.cli(null).stdin("OTHER=1\n".getBytes(StandardCharsets.UTF_8))
                .run("encrypt", "--age", fx.keys.recipient(), "-", "-o", other.toString());
        assertEquals(0, encrypt.exitCode(), encrypt.stderr());
        byte[] theirs = Files.readAllBytes(other);
        Cli.Run run = fx.cli(fx.editor("race", "sed -i 's/^KEY_1=.*/KEY_1=" + mine + "/' \"$1\"; cp '" + other + "' '"
                + file + "'")).run("edit", "app.env");
        assertEquals(205, run.exitCode(), run.stderr());
        assertArrayEquals(theirs, Files.readAllBytes(file), "the other writer's file is kept");
        Peers.Result decrypted = Peers.age(Files.readAllBytes(rejectedFile()), "-d", "-i", fx.keys.file().toString());
        assertTrue(decrypted.out().contains("KEY_1=" + mine), "my edit is saved aside");
    }

    @Test
    void edit_newFile_createdFromTemplateWithAgeRecipient() throws Exception {
        String value = fx.secret("fresh");
        Cli.Run run = fx.cli(fx.editor("new", "grep -q '^# New secrets file' \"$1\" && printf 'TOKEN=%s\\n' '" + value
                + "' >> \"$1\"")).run("edit", "new.env", "--age", fx.keys.recipient());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("created [new.env]"), run.stderr());
        Cli.Run get = fx.cli(null).run("get", "new.env", "TOKEN");
        assertEquals(value, get.out());
        assertTrue(Files.readString(fx.work.resolve("new.env")).contains("sops_age__list_0__map_recipient=" + fx.keys.recipient()));
    }

    @Test
    void edit_newFileFromSopsYaml_recipientsFromCreationRule() throws Exception {
        Files.writeString(fx.work.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: \\.env$\n    age: "
                + fx.keys.recipient() + "\n");
        Cli.Run run = fx.cli(fx.editor("new", "echo 'A=1' >> \"$1\"")).run("edit", "fromrule.env");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("1", fx.cli(null).run("get", "fromrule.env", "A").out());
    }

    @Test
    void edit_newFileTemplateUnchanged_exit200NothingCreated() throws Exception {
        Cli.Run run = fx.cli(fx.editor("noop", "true")).run("edit", "nothing.env", "--age", fx.keys.recipient());
        assertEquals(200, run.exitCode(), run.stderr());
        assertFalse(Files.exists(fx.work.resolve("nothing.env")));
    }

    @Test
    void edit_newFileWithoutRecipients_exit60BeforeEditorOpens() throws Exception {
        Cli.Run run = fx.cli(fx.editor("noop", "true")).run("edit", "norecipients.env");
        assertEquals(60, run.exitCode(), run.stderr());
        assertFalse(Files.exists(fx.tools.resolve("opened")), "the editor never opened");
    }

    private Path rejectedFile() throws Exception {
        try (Stream<Path> files = Files.list(fx.work)) {
            List<Path> rejected = files.filter(p -> p.getFileName().toString().contains(".rejected-")).toList();
            assertEquals(1, rejected.size(), "one rejected file: " + rejected);
            return rejected.get(0);
        }
    }

    private void assertNoRejectedFile() throws Exception {
        try (Stream<Path> files = Files.list(fx.work)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".rejected-")).count());
        }
    }

    static void awaitFile(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(path)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + path);
            }
            Thread.sleep(10);
        }
    }

    /** The keys whose lines differ between two encrypted files with the same keys in the same order. */
    static List<String> changedKeys(byte[] a, byte[] b) {
        String[] x = new String(a, StandardCharsets.UTF_8).split("\n");
        String[] y = new String(b, StandardCharsets.UTF_8).split("\n");
        assertEquals(x.length, y.length, "same number of lines");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!x[i].equals(y[i])) {
                assertEquals(x[i].substring(0, x[i].indexOf('=')), y[i].substring(0, y[i].indexOf('=')), "same key");
                changed.add(x[i].substring(0, x[i].indexOf('=')));
            }
        }
        return changed;
    }
}
