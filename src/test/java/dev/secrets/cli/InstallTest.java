package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install.sh into a temporary HOME, from a clone and then from the release tarball, with Maven hidden from
 * PATH: the installed secrets runs, an upgrade replaces it in place, --uninstall leaves HOME as it was.
 */
class InstallTest {
    @TempDir
    Path root;

    private SecretsProcess.Result run(Map<String, String> env, Path dir, String... command) throws Exception {
        SecretsProcess.Result result = SecretsProcess.run(List.of(command), dir, env);
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.stderr());
        return result;
    }

    private static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void install_fromCloneThenTarball_needsNoMavenUpgradesInPlaceAndUninstallsCleanly() throws Exception {
        CloneFixture fx = CloneFixture.create(root);
        Path home = Files.createDirectories(root.resolve("home"));
        Files.writeString(home.resolve(".profile"), "# the user's own file\n");
        List<String> before = tree(home);
        Path bin = home.resolve(".local/bin");
        Map<String, String> env = fx.env(home, null);
        Map<String, String> onPath = fx.env(home, bin);

        run(env, root, "bash", fx.clone.resolve("scripts/install.sh").toString());
        assertEquals("secrets " + Main.VERSION, run(onPath, root, "bash", "-c", "secrets --version").out().split(" \\(")[0]);
        Path share = home.resolve(".local/share");
        for (String installed : List.of("secrets/secrets.jar", "man/man1/secrets.1", "man/man1/secrets-render.1",
                "bash-completion/completions/secrets", "zsh/site-functions/_secrets",
                "fish/vendor_completions.d/secrets.fish", "doc/secrets/README.md", "doc/secrets/LICENSE")) {
            assertTrue(Files.isRegularFile(share.resolve(installed)), installed);
        }

        // A new build: the tarball carries a different jar, which the tarball's own install.sh puts in place.
        try (var jar = java.nio.file.FileSystems.newFileSystem(fx.clone.resolve("target/secrets.jar"))) {
            Files.writeString(jar.getPath("upgrade-marker.txt"), "2");
        }
        run(env, fx.clone, "bash", "scripts/release.sh", "--no-build");
        Path target = fx.clone.resolve("target");
        run(env, target, "sha256sum", "-c", "secrets-" + Main.VERSION + ".tar.gz.sha256");
        Path unpacked = Files.createDirectories(root.resolve("unpacked"));
        run(env, unpacked, "tar", "xzf", target.resolve("secrets-" + Main.VERSION + ".tar.gz").toString());
        Path release = unpacked.resolve("secrets-" + Main.VERSION);
        String listing = run(env, unpacked, "tar", "tzf", target.resolve("secrets-" + Main.VERSION + ".tar.gz").toString()).out();
        for (String licence : List.of("LICENSE", "share/doc/secrets/LICENSE")) {
            assertTrue(listing.lines().anyMatch(("secrets-" + Main.VERSION + "/" + licence)::equals), licence + " in " + listing);
            assertEquals(-1L, Files.mismatch(release.resolve(licence), Path.of("LICENSE")), licence + " is the project's");
        }
        assertTrue(Files.readString(release.resolve("LICENSE")).contains("Apache License\n                           Version 2.0"));
        run(env, root, "bash", release.resolve("install.sh").toString());
        assertEquals(-1L, Files.mismatch(share.resolve("secrets/secrets.jar"), target.resolve("secrets.jar")),
                "upgraded in place");
        assertTrue(run(onPath, root, "bash", "-c", "secrets --version").out().startsWith("secrets " + Main.VERSION));
        try (Stream<Path> cache = Files.list(share.resolve("secrets/cache"))) {
            String hash = Files.readString(share.resolve("secrets/secrets.jar.sha256")).trim().substring(0, 16);
            assertTrue(cache.allMatch(p -> p.getFileName().toString().startsWith("secrets-" + hash)),
                    "only the new jar's start-up cache is left");
        }
        assertTrue(tree(home).stream().noneMatch(p -> p.contains(".new.")), "no half-copied file");

        run(env, root, "bash", release.resolve("install.sh").toString(), "--uninstall");
        assertEquals(before, tree(home), "uninstall leaves nothing");
    }

    @Test
    void install_withPrefix_installsThereOnly() throws Exception {
        CloneFixture fx = CloneFixture.create(root);
        Path home = Files.createDirectories(root.resolve("home"));
        Path prefix = root.resolve("opt/secrets");
        Map<String, String> env = new java.util.HashMap<>(fx.env(home, null));
        env.put("SECRETS_NO_CDS", "1");   // the cache is InstallTest's other test's and LauncherTest's business
        run(env, root, "bash", fx.clone.resolve("scripts/install.sh").toString(), "--prefix", prefix.toString());
        assertEquals(List.of(""), tree(home), "nothing in HOME");
        assertTrue(run(env, root, prefix.resolve("bin/secrets").toString(), "--version").out().startsWith("secrets"));
        run(env, root, "bash", fx.clone.resolve("scripts/install.sh").toString(), "--prefix", prefix.toString(),
                "--uninstall");
        assertFalse(Files.exists(prefix));
    }
}
