package dev.secrets.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Small Go programs built against the libraries sops itself uses (go-yaml v3, go-ini, encoding/json) from
 * Debian's packages, run as independent oracles. A program's source is {@code src/test/resources/go/NAME/main.go};
 * it is built once per test run into {@code target/go-peers/NAME} in GOPATH mode (no module download).
 * On CI a missing Go toolchain or library fails the test; elsewhere it skips it.
 */
public final class GoPeers {
    private static final Path GOPATH = Path.of("/usr/share/gocode");

    private GoPeers() {
    }

    /** The built program {@code name}, building it first if its source is newer than the binary. */
    public static synchronized Path program(String name) throws IOException, InterruptedException {
        Path go = Programs.require("go",
                "apt-get install golang-go golang-gopkg-yaml.v3-dev golang-github-go-ini-ini-dev");
        requireLibrary("gopkg.in/yaml.v3");
        requireLibrary("github.com/go-ini/ini");
        Path source = Path.of("src/test/resources/go", name, "main.go").toAbsolutePath();
        Path binary = Path.of("target/go-peers", name).toAbsolutePath();
        if (Files.exists(binary) && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0) {
            return binary;
        }
        Files.createDirectories(binary.getParent());
        ProcessBuilder build = new ProcessBuilder(go.toString(), "build", "-o", binary.toString(), source.toString());
        build.environment().put("GO111MODULE", "off");
        build.environment().put("GOPATH", GOPATH.toString());
        build.environment().put("GOCACHE", Path.of("target/go-cache").toAbsolutePath().toString());
        build.environment().put("GOFLAGS", "");
        build.redirectErrorStream(true);
        Process p = build.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("go build of " + name + " failed: " + log);
        }
        return binary;
    }

    /** Runs program {@code name} with {@code args}, feeding it {@code stdin}. */
    public static Peers.Result run(String name, byte[] stdin, String... args) throws IOException, InterruptedException {
        Path binary = program(name);
        return Peers.run(binary.toString(), List.of(args), stdin, java.util.Map.of());
    }

    private static void requireLibrary(String importPath) {
        if (!Files.isDirectory(GOPATH.resolve("src").resolve(importPath))) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(importPath + " is missing on CI (scripts/install-peers.sh)");
            }
            Assumptions.abort(importPath + " is not installed (scripts/install-peers.sh)");
        }
    }
}
