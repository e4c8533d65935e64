package dev.secrets.cli;

import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.SecretsProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A copy of this clone as a user has it after {@code mvn package} (launcher, scripts, README, pom.xml, a
 * {@code target/secrets.jar} and man pages), built from this test run's classes: the jar holds target/classes and
 * names the dependency jars in its manifest's Class-Path, as the launcher's start-up cache needs real jars. Also a
 * PATH with every program of this machine except Maven, for "never needs Maven".
 */
final class CloneFixture {
    final Path clone;
    final Path noMaven;

    private CloneFixture(Path clone, Path noMaven) {
        this.clone = clone;
        this.noMaven = noMaven;
    }

    static CloneFixture create(Path root) throws Exception {
        Path clone = Files.createDirectories(root.resolve("clone"));
        for (String file : List.of("bin/secrets", "scripts/install.sh", "scripts/release.sh", "README.md", "LICENSE", "pom.xml")) {
            Files.createDirectories(clone.resolve(file).getParent());
            Files.copy(Path.of(file), clone.resolve(file));
        }
        Files.createDirectories(clone.resolve("src/main"));
        Path target = Files.createDirectories(clone.resolve("target"));
        writeJar(target.resolve("secrets.jar"));
        Path asciidoctor = Programs.require("asciidoctor", "apt-get install asciidoctor");
        List<String> convert = new ArrayList<>(List.of(asciidoctor.toString(), "-b", "manpage", "-D",
                target.resolve("man").toString()));
        ManPages.generate(root.resolve("adoc")).forEach(p -> convert.add(p.toString()));
        SecretsProcess.Result man = SecretsProcess.run(convert, root, Map.of("PATH", System.getenv("PATH")));
        if (man.exitCode() != 0) {
            throw new IOException(man.stderr());
        }
        return new CloneFixture(clone, noMavenPath(Files.createDirectories(root.resolve("no-maven"))));
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                classPath.add(Path.of(entry).toUri().toString());
            }
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path classes = Path.of("target/classes");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }

    private static Path noMavenPath(Path dir) throws IOException {
        for (String folder : System.getenv("PATH").split(":")) {
            Path path = Path.of(folder);
            if (folder.isEmpty() || !Files.isDirectory(path)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(path)) {
                for (Path program : programs.toList()) {
                    Path link = dir.resolve(program.getFileName().toString());
                    if (!program.getFileName().toString().equals("mvn")
                            && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        return dir;
    }

    /** An environment with {@code home} as HOME and {@code pathFirst} (may be null) before the Maven-less PATH. */
    Map<String, String> env(Path home, Path pathFirst) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", (pathFirst == null ? "" : pathFirst + ":") + noMaven);
        env.put("XDG_RUNTIME_DIR", home.toString());
        return env;
    }
}
