package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets git merge} run as git runs it, on real encrypted files: refusals that leave ours untouched. */
class GitMergeCommandTest {
    @TempDir Path dir;

    @Test
    void merge_ruleWouldLeaveMarkedValuesInClear_refusedWritingNothing() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("plain.yaml"), "db:\n    password: old-pass\n");
        Cli.Run encrypt = cli.run("encrypt", "--age", keys.recipient(), "--unencrypted-regex", "^secrets-",
                "plain.yaml", "-o", "config.yaml");
        assertEquals(0, encrypt.exitCode(), encrypt.stderr());
        Files.copy(dir.resolve("config.yaml"), dir.resolve("base.yaml"));
        Files.copy(dir.resolve("config.yaml"), dir.resolve("theirs.yaml"));
        assertEquals(0, cli.stdin("their-pass".getBytes()).run("set", "theirs.yaml", "[\"db\"][\"password\"]",
                "--stdin").exitCode());
        assertEquals(0, cli.stdin("our-pass".getBytes()).run("set", "config.yaml", "[\"db\"][\"password\"]",
                "--stdin").exitCode());
        byte[] ours = Files.readAllBytes(dir.resolve("config.yaml"));

        Cli.Run merge = cli.run("git", "merge", "base.yaml", "config.yaml", "theirs.yaml", "config.yaml");

        assertTrue(merge.exitCode() != 0 && merge.exitCode() != ExitCode.MERGE_CONFLICT.code(), merge.stderr());
        assertTrue(merge.stderr().contains("would leave the conflicting values of [[\"db\"][\"password\"]] in clear"),
                merge.stderr());
        assertArrayEquals(ours, Files.readAllBytes(dir.resolve("config.yaml")), "nothing written");
    }
}
