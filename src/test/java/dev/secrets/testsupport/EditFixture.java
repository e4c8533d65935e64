package dev.secrets.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.app.EncryptFile;
import dev.secrets.io.Environment;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real edit setting: a work folder with an age key and an encrypted file, a separate tools folder for
 * scripted editors (so their text, which may hold test values, is never mistaken for a leak), and private
 * runtime/temp roots ({@code XDG_RUNTIME_DIR}, {@code TMPDIR}) that are scanned for plaintext afterwards.
 */
public final class EditFixture {
    /** The work folder (HOME and working directory); holds the encrypted file and the key. */
    public final Path work;
    /** Scripted editors and their notes. */
    public final Path tools;
    /** {@code XDG_RUNTIME_DIR} of the runs: the temp file must be created here and wiped. */
    public final Path runtime;
    /** {@code TMPDIR} of the runs. */
    public final Path tmp;
    /** The age key used. */
    public final Keys keys;
    /** Values that must never be found in plain text on disk, by key. */
    public final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> markers = new ArrayList<>();
    private static final Clock PAST = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);

    /** Creates the folders below {@code root} and a key pair. */
    public EditFixture(Path root) throws Exception {
        work = Files.createDirectories(root.resolve("work"));
        tools = Files.createDirectories(root.resolve("tools"));
        runtime = Files.createDirectories(root.resolve("runtime"));
        tmp = Files.createDirectories(root.resolve("tmp"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        keys = Keys.create(work.resolve("key.txt"));
    }

    /** A unique secret-looking value, remembered as a marker for the plaintext scan. */
    public String secret(String label) {
        String value = label + "-" + UUID.randomUUID();
        markers.add(value);
        return value;
    }

    /** Remembers {@code text} as plaintext that must not be left on disk. */
    public void marker(String text) {
        markers.add(text);
    }

    /** A command line in the work folder with the key, the roots, and {@code editor} as EDITOR. */
    /** The decrypted value of {@code key} in {@code app.env}, through the real {@code get} command. */
    public String get(String key) {
        Cli.Run run = cli(null).run("get", "app.env", key);
        org.junit.jupiter.api.Assertions.assertEquals(0, run.exitCode(), run.stderr());
        return run.out();
    }

    public Cli cli(Path editor) {
        Cli cli = new Cli(work).env("SOPS_AGE_KEY_FILE", keys.file().toString())
                .env("XDG_RUNTIME_DIR", runtime.toString()).env("TMPDIR", tmp.toString());
        return editor == null ? cli : cli.env("EDITOR", editor.toString());
    }

    /** Encrypts {@code n} generated secret values (KEY_1..KEY_n) plus a comment into {@code name}. */
    public Path encrypted(String name, int n) {
        StringBuilder plain = new StringBuilder("# database settings\n");
        for (int i = 1; i <= n; i++) {
            String value = secret("value" + i);
            values.put("KEY_" + i, value);
            plain.append("KEY_").append(i).append('=').append(value).append('\n');
        }
        // Stamped in the past, so a rewrite visibly renews sops_lastmodified even within the same second.
        try {
            EncryptFile.run(new EncryptFile.Request(null, plain.toString().getBytes(StandardCharsets.UTF_8), null,
                    Path.of(name), List.of(keys.recipient()), null, Map.of(), false),
                    new Environment(Map.of("HOME", work.toString()), work, work), PAST);
        } catch (Exception e) {
            throw new AssertionError("encrypt failed", e);
        }
        return work.resolve(name);
    }

    /** Writes an executable bash editor script; {@code body} sees the file as {@code "$1"}, tools as {@code $T}. */
    public Path editor(String name, String body) throws IOException {
        Path script = tools.resolve(name);
        Files.writeString(script, "#!/bin/bash\nT='" + tools + "'\nf=\"${@: -1}\"\nprintf '%s\\n' \"$f\" >> \"$T/opened\"\n"
                + "stat -c '%a' \"$(dirname \"$f\")\" \"$f\" | tr '\\n' ' ' >> \"$T/modes\"; echo >> \"$T/modes\"\n"
                + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The temp files the editors were given, in order. */
    public List<Path> opened() throws IOException {
        return Files.readAllLines(tools.resolve("opened")).stream().map(Path::of).toList();
    }

    /**
     * Asserts that no file under the runtime root, the temp root or the work folder holds any marker, that
     * the runtime root is empty again, and that no lock file is left.
     */
    public void assertNoPlaintextLeft() throws IOException {
        for (Path root : List.of(runtime, tmp, work)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String marker : markers) {
                        assertTrue(!content.contains(marker), "plaintext left in " + file);
                    }
                }
            }
        }
        try (Stream<Path> left = Files.list(runtime)) {
            assertEquals(List.of(), left.toList(), "temp folders left in the runtime root");
        }
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".lock")).toList(),
                    "lock files left");
        }
    }

    /** The lines of a file. */
    public static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
