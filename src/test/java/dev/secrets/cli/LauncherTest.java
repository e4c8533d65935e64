package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Encrypted;
import dev.secrets.testsupport.SecretsProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/secrets in a clone: it never builds silently (a stale jar runs with a warning; no jar and no Maven is a clear
 * exit 127), takes JAVA_HOME first or else the newest JDK, and its start-up cache (AOT on JDK 25, AppCDS on 17)
 * is keyed by jar and Java version: a corrupt or stale cache leaves every command working and is recorded again.
 */
class LauncherTest {
    private static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path root;

    private SecretsProcess.Result launch(CloneFixture fx, Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(fx.env(Files.createDirectories(root.resolve("home")), null));
        env.putAll(extra);
        List<String> command = new java.util.ArrayList<>(List.of(fx.clone.resolve("bin/secrets").toString()));
        command.addAll(List.of(args));
        return SecretsProcess.run(command, root, env);
    }

    private static Optional<Path> cache(CloneFixture fx, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(fx.clone.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("secrets-")
                    && p.getFileName().toString().endsWith(suffix)).findFirst();
        }
    }

    @Test
    void launcher_staleJarOrNoJar_neverBuildsSilently() throws Exception {
        CloneFixture fx = CloneFixture.create(root);
        Path source = Files.writeString(fx.clone.resolve("src/main/Changed.java"), "class Changed {}\n");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        SecretsProcess.Result stale = launch(fx, Map.of("SECRETS_NO_CDS", "1"), "--version");
        assertEquals(0, stale.exitCode(), stale.stderr());
        assertTrue(stale.stderr().contains("older than the sources"), stale.stderr());
        assertTrue(stale.out().startsWith("secrets " + Main.VERSION));

        Files.delete(fx.clone.resolve("target/secrets.jar"));
        SecretsProcess.Result none = launch(fx, Map.of(), "--version");
        assertEquals(127, none.exitCode());
        assertTrue(none.stderr().contains("no Maven"), none.stderr());
    }

    @Test
    void launcher_corruptOrStaleCache_commandsWorkAndTheCacheIsRecordedAgain() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")) && Files.isExecutable(JDK17.resolve("bin/java")),
                "needs the JDK 17 and Temurin 25 of CI");
        CloneFixture fx = CloneFixture.create(root);
        Encrypted enc = Encrypted.in(Files.createDirectories(root.resolve("work")));
        Path file = enc.file("app.env", "A=1\nB=two\n");
        Map<String, String> key = Map.of("SOPS_AGE_KEY_FILE", enc.keys().file().toString());

        SecretsProcess.Result first = launch(fx, key, "render", file.toString());
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals("A=1\nB=two\n", first.out());
        Path aot = cache(fx, ".aot").orElseThrow(() -> new AssertionError("no AOT cache: newest JDK is 25"));
        assertTrue(aot.getFileName().toString().contains("java25"), aot.toString());

        try (RandomAccessFile raf = new RandomAccessFile(aot.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            raf.write(new byte[65536]);
        }
        FileTime corrupted = Files.getLastModifiedTime(aot);
        SecretsProcess.Result corrupt = launch(fx, key, "render", file.toString());
        assertEquals(0, corrupt.exitCode(), corrupt.stderr());
        assertEquals("A=1\nB=two\n", corrupt.out());
        assertEquals("", corrupt.stderr());
        assertTrue(Files.size(aot) > 0 && Files.exists(Path.of(aot + ".ok")), "recorded again");
        assertFalse(Files.getLastModifiedTime(aot).compareTo(Files.getLastModifiedTime(Path.of(aot + ".ok"))) > 0);
        assertTrue(Files.getLastModifiedTime(Path.of(aot + ".ok")).compareTo(corrupted) > 0, "a new recording");

        // JAVA_HOME first: JDK 17 gets its own AppCDS archive beside the AOT cache.
        SecretsProcess.Result java17 = launch(fx, Map.of("SOPS_AGE_KEY_FILE", enc.keys().file().toString(),
                "JAVA_HOME", JDK17.toString()), "decrypt", file.toString());
        assertEquals(0, java17.exitCode(), java17.stderr());
        assertEquals("A=1\nB=two\n", java17.out());
        assertTrue(cache(fx, ".jsa").orElseThrow().getFileName().toString().contains("java17"));
        assertTrue(Files.exists(aot), "the other JDK's cache stays");

        // A new jar: its hash names a new cache; the old jar's caches are removed.
        try (var jar = java.nio.file.FileSystems.newFileSystem(fx.clone.resolve("target/secrets.jar"))) {
            Files.writeString(jar.getPath("new-build.txt"), "2");
        }
        SecretsProcess.Result rebuilt = launch(fx, key, "render", file.toString());
        assertEquals(0, rebuilt.exitCode(), rebuilt.stderr());
        assertEquals("A=1\nB=two\n", rebuilt.out());
        assertFalse(Files.exists(aot), "stale cache removed");
        Path fresh = cache(fx, ".aot").orElseThrow();
        assertFalse(fresh.equals(aot));
        assertFalse(cache(fx, ".jsa").isPresent(), "the old jar's AppCDS archive is removed too");
    }
}
