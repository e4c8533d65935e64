package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} of a {@code secrets rotate} process after the "server" took the new value but before
 * the file was rewritten: the new value is in the age-sealed journal, and the next run commits the value the
 * server accepts, so no working credential is lost.
 */
class RotateCrashTest {
    @TempDir
    Path dir;

    @Test
    void rotate_killedBetweenApplyAndWrite_nextRunRecoversServerValue() throws Exception {
        Keys keys = Keys.create(dir.resolve("key.txt"));
        Path server = dir.resolve("server-password");
        Files.writeString(server, "old-value-1");
        Path hang = dir.resolve("hang-after-apply");
        Files.writeString(hang, "");
        Path apply = script("apply.sh", "#!/bin/sh\nprintf %s \"$NEW_VALUE\" > '" + server + "'\n"
                + "if [ -e '" + hang + "' ]; then echo $$ > '" + dir.resolve("apply.pid") + "'; exec sleep 60; fi\n");
        Path verify = script("verify.sh", "#!/bin/sh\n[ \"$CANDIDATE_VALUE\" = \"$(cat '" + server + "')\" ]\n");
        Files.writeString(dir.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n"
                + "  - key: SERVICE_PASSWORD\n    generate: {bytes: 32, encoding: hex}\n"
                + "    apply:\n      command: {run: [" + apply + "], verify: [" + verify + "], timeout: 120}\n");
        Files.writeString(dir.resolve("app.env"), "SERVICE_PASSWORD=old-value-1\n");
        Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "app.env", "-o", "app.env.enc").exitCode());

        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.secrets.cli.Main", "rotate", "app.env.enc", "--all"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("rotate.log").toFile());
        builder.environment().put("SOPS_AGE_KEY_FILE", keys.file().toString());
        builder.environment().put("HOME", dir.toString());
        Process rotate = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("apply.pid")) || Files.readString(dir.resolve("apply.pid")).isBlank()) {
            assertTrue(rotate.isAlive() && System.nanoTime() < deadline, "rotate reached the apply step: "
                    + (Files.exists(dir.resolve("rotate.log")) ? Files.readString(dir.resolve("rotate.log")) : ""));
            Thread.sleep(20);
        }
        rotate.destroyForcibly();
        assertTrue(rotate.waitFor(10, TimeUnit.SECONDS));
        long sleeper = Long.parseLong(Files.readString(dir.resolve("apply.pid")).trim());
        ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);

        String onServer = Files.readString(server);
        assertNotEquals("old-value-1", onServer, "the server took the new value");
        assertEquals("old-value-1", new String(cli.run("decrypt", "--extract", "SERVICE_PASSWORD", "app.env.enc").stdout()),
                "the file was not rewritten before the crash");
        assertTrue(Files.exists(dir.resolve(".app.env.enc.rotation-journal")), "the pending value is journaled");
        assertTrue(!Files.readString(dir.resolve(".app.env.enc.rotation-journal")).contains(onServer),
                "the journal holds the value only sealed");

        Files.delete(hang);
        Cli.Run second = cli.run("rotate", "app.env.enc", "--all");
        assertEquals(0, second.exitCode(), second.stderr());
        assertEquals(Files.readString(server), new String(cli.run("decrypt", "--extract", "SERVICE_PASSWORD",
                "app.env.enc").stdout()), "the file matches the server");
        assertTrue(!Files.exists(dir.resolve(".app.env.enc.rotation-journal")), "journal cleared");
    }

    private Path script(String name, String body) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }
}
