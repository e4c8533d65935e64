package dev.secrets.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the test server fixtures: free ports, running as an unprivileged user when root. */
final class ServerProcesses {
    private ServerProcesses() {
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** True when this JVM runs as root (servers like PostgreSQL refuse to). */
    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** {@code command}, prefixed with {@code runuser -u USER --} when running as root. */
    static List<String> asUser(String user, String... command) {
        List<String> out = new ArrayList<>();
        if (isRoot()) {
            out.addAll(List.of("runuser", "-u", user, "--"));
        }
        out.addAll(List.of(command));
        return out;
    }

    /** Hands {@code path} to {@code user} when root, and lets everyone traverse its parent. */
    static void giveTo(Path path, String user) throws IOException {
        if (isRoot()) {
            UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            Files.setOwner(path, owner);
        }
    }

    /** Makes {@code folder} traversable (not listable) by other users. */
    static void allowTraverse(Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
    }

    /** Runs {@code command} to completion, failing with its output when it exits non-zero. */
    static void runOrFail(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(command + " failed:\n" + Files.readString(log));
        }
    }
}
