package dev.secrets.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real key pair and files encrypted for it with this build's {@code encrypt}, in a test folder. */
public final class Encrypted {
    private final Path dir;
    private final Keys keys;

    private Encrypted(Path dir, Keys keys) {
        this.dir = dir;
        this.keys = keys;
    }

    /** A fresh key pair in {@code dir/key.txt}. */
    public static Encrypted in(Path dir) throws Exception {
        return new Encrypted(dir, Keys.create(dir.resolve("key.txt")));
    }

    /** The key pair. */
    public Keys keys() {
        return keys;
    }

    /** A command line with {@code SOPS_AGE_KEY_FILE} pointing at the key. */
    public Cli cli() {
        return new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
    }

    /** Encrypts the dotenv text {@code plain} into {@code dir/name} and returns its path. */
    public Path file(String name, String plain) throws Exception {
        return file(name, plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Encrypts the dotenv bytes {@code plain} into {@code dir/name} and returns its path. */
    public Path file(String name, byte[] plain) throws Exception {
        Path plainFile = dir.resolve(name + ".plain");
        Files.write(plainFile, plain);
        Cli.Run run = cli().run("encrypt", "--age", keys.recipient(), plainFile.toString(), "-o", name);
        assertEquals(0, run.exitCode(), run.stderr());
        Files.delete(plainFile);
        return dir.resolve(name);
    }
}
