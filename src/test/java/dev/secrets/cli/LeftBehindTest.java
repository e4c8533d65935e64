package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups and rejected edits are not a leak: after {@code updatekeys} removes a recipient, that identity opens
 * none of the files the tool left in the folder (tried with the real {@code age} CLI and with {@code secrets}).
 */
class LeftBehindTest {
    private static final Set<String> NOT_LEFT_BY_THE_TOOL = Set.of("alice.txt", "bob.txt", ".sops.yaml",
            "secrets-playbook.yaml", "editor.sh");
    @TempDir
    Path dir;

    @Test
    void updatekeys_recipientRemoved_removedIdentityOpensNothingLeftBehind() throws Exception {
        Path age = Programs.require("age", "apt-get install age");
        Keys alice = Keys.create(dir.resolve("alice.txt"));
        Keys bob = Keys.create(dir.resolve("bob.txt"));
        config(alice, bob);
        Files.writeString(dir.resolve("app.env"), "A_SECRET=old-a-value-123\nB_PASSWORD=old-b-value-456\n");
        Cli aliceCli = new Cli(dir).env("SOPS_AGE_KEY_FILE", alice.file().toString());
        assertEquals(0, aliceCli.run("encrypt", "app.env", "-o", "app.env.enc").exitCode());
        Files.delete(dir.resolve("app.env"));

        // A rejected edit (saved aside, sealed to alice and bob).
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nprintf 'this line has no equals sign\\n' >> \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Cli.Run edit = aliceCli.env("EDITOR", editor.toString()).run("edit", "app.env.enc");
        assertEquals(204, edit.exitCode(), edit.stderr());
        // A failed rotation keeps its backup, which holds the retired A_SECRET.
        Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n  - key: A_SECRET\n"
                + "  - key: B_PASSWORD\n    apply: {command: {run: [/bin/false]}}\n");
        Cli.Run rotate = aliceCli.run("rotate", "app.env.enc", "--all");
        assertEquals(ExitCode.ROTATION_FAILED.code(), rotate.exitCode(), rotate.stderr());
        assertTrue(rotate.stderr().contains("*.backup-*"), "says what to keep out of git: " + rotate.stderr());
        assertEquals(1, leftBehind().stream().filter(p -> p.getFileName().toString().contains(".backup-")).count());

        config(alice);
        Cli.Run update = aliceCli.run("updatekeys", "-y", "app.env.enc");
        assertEquals(0, update.exitCode(), update.stderr());
        assertTrue(update.stderr().contains("re-sealed app.env.enc.rejected-"), update.stderr());
        assertFalse(update.stderr().contains("old-a-value") || update.stderr().contains("old-b-value"));

        List<Path> left = leftBehind();
        assertTrue(left.stream().noneMatch(p -> p.getFileName().toString().contains(".backup-")), left.toString());
        assertTrue(left.stream().anyMatch(p -> p.getFileName().toString().contains(".rejected-")), left.toString());
        for (Path file : left) {
            assertNotEquals(0, ageDecrypt(age, bob, file), "bob opened " + file.getFileName());
            Cli.Run asBob = new Cli(dir).env("SOPS_AGE_KEY_FILE", bob.file().toString()).run("decrypt",
                    file.getFileName().toString());
            assertNotEquals(0, asBob.exitCode(), "bob opened " + file.getFileName());
        }
        Path rejected = left.stream().filter(p -> p.getFileName().toString().contains(".rejected-")).findFirst()
                .orElseThrow();
        assertEquals(0, ageDecrypt(age, alice, rejected), "alice keeps her rejected edit");
    }

    private void config(Keys... recipients) throws Exception {
        String list = String.join(",", Stream.of(recipients).map(Keys::recipient).toList());
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: app\\.env\n    age: " + list
                + "\n");
    }

    private List<Path> leftBehind() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !NOT_LEFT_BY_THE_TOOL.contains(p.getFileName().toString())).sorted().toList();
        }
    }

    private static int ageDecrypt(Path age, Keys who, Path file) throws Exception {
        Process p = new ProcessBuilder(age.toString(), "-d", "-i", who.file().toString(), "-o", "/dev/null",
                file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
