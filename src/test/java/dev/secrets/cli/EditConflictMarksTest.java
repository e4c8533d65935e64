package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edit} of a file the merge driver left with a conflict: saving with marks still in is rejected like any
 * invalid edit (exit 204, file kept, text saved aside encrypted), naming the keys; saving it resolved succeeds.
 */
class EditConflictMarksTest {
    @TempDir Path dir;
    private Keys keys;

    @BeforeEach
    void key() throws Exception {
        keys = Keys.create(dir.resolve("key.txt"));
    }

    private Cli cli() {
        return new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
    }

    /** Runs the merge driver on a file encrypted from {@code base} whose sides set {@code key} differently. */
    private Path conflicted(String name, String base, String key) throws Exception {
        Files.writeString(dir.resolve("plain-" + name), base);
        Cli.Run encrypt = cli().run("encrypt", "--age", keys.recipient(), "plain-" + name, "-o", name);
        assertEquals(0, encrypt.exitCode(), encrypt.stderr());
        Files.copy(dir.resolve(name), dir.resolve("base-" + name));
        Files.copy(dir.resolve(name), dir.resolve("theirs-" + name));
        assertEquals(0, cli().stdin("their-pass".getBytes()).run("set", "theirs-" + name, key, "--stdin").exitCode());
        assertEquals(0, cli().stdin("our-pass".getBytes()).run("set", name, key, "--stdin").exitCode());
        Cli.Run merge = cli().run("git", "merge", "base-" + name, name, "theirs-" + name, name);
        assertEquals(ExitCode.MERGE_CONFLICT.code(), merge.exitCode(), merge.stderr());
        return dir.resolve(name);
    }

    private String editor(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private void assertRejected(Path file, String editorBody, String keys) throws Exception {
        byte[] before = Files.readAllBytes(file);
        Cli.Run edit = cli().env("EDITOR", editor("ed-" + System.nanoTime() + ".sh", editorBody))
                .run("edit", file.getFileName().toString());
        assertEquals(ExitCode.EDIT_REJECTED.code(), edit.exitCode(), edit.stderr());
        assertTrue(edit.stderr().contains("still has merge conflict marks on keys " + keys), edit.stderr());
        assertFalse(edit.stderr().contains("-pass"), "no value in the message");
        assertArrayEquals(before, Files.readAllBytes(file), "the previous file is kept");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith(file.getFileName() + ".rejected-")),
                    "the edit is saved aside encrypted");
        }
    }

    @Test
    void edit_dotenvSavedWithMarksLeft_rejectedNamingTheKeys() throws Exception {
        Path file = conflicted("app.env.enc", "DB_PASSWORD=old-pass\nAPI_TOKEN=tok\n", "DB_PASSWORD");
        assertRejected(file, "printf 'NEW=1\\n' >> \"$1\"", "[DB_PASSWORD]");
        assertRejected(file, "sed -i '/^#<<<<<<< /d' \"$1\"", "[DB_PASSWORD]");

        Cli.Run edit = cli().env("EDITOR", editor("resolve.sh",
                "sed -i -e '/^#<<<<<<< /,/^#======= /d' -e '/^#>>>>>>> /d' \"$1\"")).run("edit", "app.env.enc");
        assertEquals(0, edit.exitCode(), edit.stderr());
        assertEquals("their-pass", cli().run("get", "app.env.enc", "DB_PASSWORD").out().strip());
    }

    @Test
    void edit_yamlSavedWithMarkedMappingLeft_rejectedNamingThePath() throws Exception {
        Path file = conflicted("config.yaml", "db:\n    password: old-pass\n    host: h\n", "[\"db\"][\"password\"]");
        assertRejected(file, "sed -i 's/host: h/host: h2/' \"$1\"", "[[\"db\"][\"password\"]]");
    }
}
