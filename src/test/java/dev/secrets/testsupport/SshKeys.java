package dev.secrets.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH key pair (ed25519 unless asked otherwise) made by {@code ssh-keygen} (Debian package {@code openssh-client}); a missing
 * {@code ssh-keygen} fails the test on CI (variable CI set) and skips it elsewhere.
 */
public record SshKeys(Path privateKey, String publicLine) {
    /** Runs {@code ssh-keygen -t ed25519 -N PASSPHRASE -C COMMENT -f FILE} and reads {@code FILE.pub}. */
    public static SshKeys generate(Path file, String passphrase) throws Exception {
        return generate(file, passphrase, "ed25519", 0);
    }

    /** Runs {@code ssh-keygen -t TYPE [-b BITS] -N PASSPHRASE -f FILE} ({@code bits} 0: the default size). */
    public static SshKeys generate(Path file, String passphrase, String type, int bits) throws Exception {
        Programs.require("ssh-keygen", "apt-get install openssh-client");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ssh-keygen", "-q", "-t", type,
                "-N", passphrase, "-C", "test@secrets", "-f", file.toString()));
        if (bits > 0) {
            command.addAll(java.util.List.of("-b", Integer.toString(bits)));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("ssh-keygen failed: " + output);
        }
        return new SshKeys(file, Files.readString(Path.of(file + ".pub")).strip());
    }
}
