package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.testsupport.Encrypted;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link FastPath} is picocli's twin for the argument lists it takes: each list below is run once through the fast
 * path and once through picocli, from the same files, and stdout, stderr, the exit code and any file written must be
 * the same (successes, every failure kind, --json, --quiet, --verbose, stdin; exec's child reports through its exit
 * status). The lists it must leave to picocli are checked to go there.
 */
class FastPathTest {
    @TempDir
    Path dir;

    private Encrypted enc;
    private Map<String, String> variables;

    @BeforeEach
    void setUp() throws Exception {
        enc = Encrypted.in(dir);
        enc.file("app.env", "A=1\nDB_URL=postgres://u:p@h/db\nEMPTY=\n# a comment\nB='two words'\n");
        Path tampered = enc.file("tampered.env", "A=1\nB=2\n");
        Files.writeString(tampered, Files.readString(tampered)
                .replaceFirst("sops_mac=ENC\\[AES256_GCM,data:.", "sops_mac=ENC[AES256_GCM,data:A"));
        Files.writeString(dir.resolve("plain.yaml"), "db:\n    host: db.internal\n    port: 5432\nlist:\n    - 1\n");
        assertEquals(0, enc.cli().run("encrypt", "--age", enc.keys().recipient(), "plain.yaml", "-o", "app.yaml")
                .exitCode());
        Files.delete(dir.resolve("plain.yaml"));
        Files.writeString(dir.resolve("broken.env"), "A=ENC[AES256_GCM,data:x\nnot a line\n");
        Files.writeString(dir.resolve("existing.env"), "old\n");
        Files.writeString(dir.resolve("other-key.txt"), Files.readString(enc.keys().file()));
        variables = new HashMap<>(Map.of("HOME", dir.toString(), "PATH", System.getenv("PATH"),
                "SOPS_AGE_KEY_FILE", enc.keys().file().toString()));
    }

    /** What one run did: exit code, stdout, stderr (stack frames dropped: --debug traces differ below call()). */
    private record Outcome(int code, String out, String err, Map<String, String> files) {
    }

    private Outcome run(boolean fast, String... args) throws Exception {
        Map<String, byte[]> before = snapshot();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        byte[] stdin = Files.readAllBytes(dir.resolve("app.env"));
        int code = Main.run(fast, out, new PrintWriter(err, true), new ByteArrayInputStream(stdin),
                new Environment(variables, dir, dir), args);
        Map<String, String> changed = new HashMap<>();
        for (Map.Entry<String, byte[]> file : snapshot().entrySet()) {
            if (!java.util.Arrays.equals(file.getValue(), before.get(file.getKey()))) {
                changed.put(file.getKey(), new String(file.getValue(), StandardCharsets.UTF_8));
            }
        }
        restore(before);
        String errText = err.toString().lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... "))
                .collect(Collectors.joining("\n"));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), errText, changed);
    }

    private Map<String, byte[]> snapshot() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private void restore(Map<String, byte[]> files) throws Exception {
        try (var list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                if (!files.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }
    }

    private static boolean takesFastPath(String... args) {
        Context context = new Context(OutputStream.nullOutputStream(), new PrintWriter(Writer.nullWriter()),
                java.io.InputStream.nullInputStream(), Environment.system(), Clock.systemUTC(), false);
        return FastPath.command(context, Main.globalFlagsAfterCommand(args)) != null;
    }

    private static final List<List<String>> FAST = List.of(
            List.of("render", "app.env"),
            List.of("render", "-", "--format", "docker"),
            List.of("render", "app.env", "--format", "shell", "--only", "A,DB_URL"),
            List.of("render", "app.env", "--format", "json", "--except", "EMPTY", "--except", "B"),
            List.of("render", "app.env", "--format", "k8s-secret", "--name", "app", "--namespace", "ns"),
            List.of("render", "app.env", "--format", "k8s-secret"),
            List.of("render", "app.env", "--format", "yaml"),
            List.of("render", "app.env", "--only", "NOPE"),
            List.of("render", "app.env", "--out", "out.env", "--mode", "0640"),
            List.of("render", "app.env", "--out", "out.env", "--mode", "999"),
            List.of("render", "app.env", "--out", "-"),
            List.of("render", "app.env", "--out", "existing.env", "--check"),
            List.of("render", "app.env", "--out", "existing.env", "--check", "--json"),
            List.of("render", "app.env", "--check"),
            List.of("render", "app.env", "--out", "app.env"),
            List.of("render", "app.env", "--out", "new.env", "--json", "-v"),
            List.of("--json", "render", "missing.env"),
            List.of("-q", "render", "tampered.env"),
            List.of("render", "broken.env", "--debug"),
            List.of("render", "app.env", "--identity", "other-key.txt", "--identity", "missing-key.txt"),
            List.of("render", "app.yaml"),
            List.of("render", "app.yaml", "--path", "db", "--format", "json"),
            List.of("render", "app.yaml", "--path", "[\"db\"]", "--only", "port"),
            List.of("render", "app.yaml", "--path", "list"),
            List.of("render", "app.yaml", "--path", "nope", "--json"),
            List.of("render", "app.yaml", "--path", "[\"db"),
            List.of("get", "app.env", "DB_URL"),
            List.of("get", "app.env", "[\"B\"]"),
            List.of("get", "app.env", "NOPE", "--json"),
            List.of("get", "-", "A"),
            List.of("--verbose", "get", "missing.env", "A"),
            List.of("get", "tampered.env", "A", "--quiet"),
            List.of("decrypt", "app.env"),
            List.of("decrypt", "-"),
            List.of("decrypt", "app.env", "--extract", "A"),
            List.of("decrypt", "app.env", "-o", "plain.env", "--json"),
            List.of("decrypt", "app.env", "--output", "-"),
            List.of("decrypt", "app.env", "-o", "plain.env", "-i"),
            List.of("decrypt", "-", "-i"),
            List.of("decrypt", "tampered.env"),
            List.of("decrypt", "tampered.env", "--ignore-mac"),
            List.of("decrypt", "app.env", "--input-type", "yaml"),
            List.of("decrypt", "app.env", "--input-type", "toml", "--json"),
            List.of("decrypt", "app.env", "--output-type", "json", "-v", "--debug"),
            List.of("decrypt", "missing.env"),
            List.of("exec", "app.env", "--", "sh", "-c", "exit ${#DB_URL}"),
            List.of("exec", "app.env", "--only", "A", "--", "sh", "-c", "exit ${#DB_URL}"),
            List.of("exec", "app.env", "--no-inherit", "--except", "A", "--", "/bin/sh", "-c", "exit ${#DB_URL}"),
            List.of("--json", "exec", "app.env", "--file", "x.env", "--format", "json", "--", "test", "-s", "{}"),
            List.of("exec", "tampered.env", "-q", "--", "true"),
            List.of("exec", "app.env", "--", "no-such-program-here"),
            List.of("exec", "app.yaml", "--path", "db", "--", "sh", "-c", "exit ${#host}"),
            List.of(CompletionScripts.KEYS_COMMAND, "app.env"),
            List.of(CompletionScripts.KEYS_COMMAND, "missing.env"),
            List.of("git", "diff", "app.env"),
            List.of("git", "diff", "--mask", "app.env"),
            List.of("git", "diff", "app.env", "--identity", "other-key.txt", "--identity", "missing-key.txt"),
            List.of("git", "diff", "tampered.env"),
            List.of("git", "diff", "broken.env", "-q"),
            List.of("git", "diff", "existing.env"),
            List.of("git", "diff", "missing.env", "--json"));

    @Test
    void fastPath_simpleArgumentLists_sameOutputExitCodeAndFilesAsPicocli() throws Exception {
        for (List<String> args : FAST) {
            String[] argv = args.toArray(String[]::new);
            assertTrue(takesFastPath(argv), args + " takes the fast path");
            Outcome picocli = run(false, argv);
            Outcome fast = run(true, argv);
            assertEquals(picocli, fast, args.toString());
        }
        assertFalse(run(true, "render", "app.env").out().isEmpty(), "the fixture renders");
        assertNotNull(run(true, "render", "app.env", "--out", "new.env").files().get("new.env"), "writes");
        assertEquals(19, run(true, "exec", "app.env", "--", "sh", "-c", "exit ${#DB_URL}").code(), "the child saw DB_URL");
    }

    @Test
    void fastPath_decryptInPlace_sameFileAsPicocli() throws Exception {
        Outcome picocli = run(false, "decrypt", "app.env", "-i");
        Outcome fast = run(true, "decrypt", "app.env", "-i");
        assertEquals(0, fast.code(), fast.err());
        assertTrue(fast.files().get("app.env").contains("DB_URL=postgres://u:p@h/db"), "decrypted in place");
        assertEquals(picocli, fast);
    }

    @Test
    void fastPath_otherArgumentLists_leftToPicocli() throws Exception {
        for (List<String> args : List.of(
                List.of("render"), List.of("render", "a.env", "b.env"), List.of("render", "--help"),
                List.of("render", "app.env", "-h"), List.of("render", "app.env", "--format=json"),
                List.of("render", "app.env", "--only", "A", "B"), List.of("render", "--only", "A", "app.env"),
                List.of("render", "app.env", "--only", "A,,B"), List.of("render", "app.env", "--out"),
                List.of("render", "app.env", "--out", "--check"), List.of("render", "app.env", "--out", "-x"),
                List.of("render", "app.env", "--check", "--check"), List.of("render", "app.env", "-v", "--verbose"),
                List.of("render", "app.env", "-vq"), List.of("render", "@args.txt"), List.of("render", ""),
                List.of("render", "app.env", "--"), List.of("render", "-x.env"), List.of("render", "app.env", "--fromat", "x"),
                List.of("get", "app.env"), List.of("get", "app.env", "A", "B"), List.of("get", "app.env", "A", "-V"),
                List.of("decrypt", "app.env", "-o", "a", "--output", "b"), List.of("decrypt", "app.env", "--extract", "@x"),
                List.of("exec", "app.env", "true"), List.of("exec", "app.env", "--"), List.of("exec", "--", "true"),
                List.of("exec", "app.env", "--", "curl", "@data"), List.of(CompletionScripts.KEYS_COMMAND, "app.env", "--json"),
                List.of("git", "diff"), List.of("git", "diff", "--help"), List.of("git", "diff", "a.env", "b.env"),
                List.of("git", "diff", "app.env", "--mask", "--mask"), List.of("git", "merge", "a", "b", "c"),
                List.of("git", "setup"), List.of("git", "--json", "diff", "app.env"), List.of("git"),
                List.of("view", "app.env"), List.of("--version"), List.of("rendr", "app.env"), List.<String>of())) {
            String[] argv = args.toArray(String[]::new);
            assertFalse(takesFastPath(argv), args + " is left to picocli");
        }
    }

    @Test
    void fastPath_leftToPicocli_behavesAsPicocli() throws Exception {
        Files.writeString(dir.resolve("args.txt"), "app.env\n");
        for (List<String> args : List.of(List.of("render", "app.env", "--only", "A", "B"),
                List.of("render", "app.env", "--format=json"), List.of("render", "@args.txt"),
                List.of("render", "app.env", "--check", "--check"), List.of("render", "app.env", "--fromat", "x"),
                List.of("--debug", "git", "diff", "app.env"), List.of("git", "diff", "app.env", "--mask", "--mask"))) {
            String[] argv = args.toArray(String[]::new);
            assertEquals(run(false, argv), run(true, argv), args.toString());
        }
    }

    @Test
    void version_plain_sameLineAsPicocli() throws Exception {
        assertEquals(run(false, "--version"), run(true, "--version"));
        assertEquals(run(false, "-V"), run(true, "-V"));
        Outcome version = run(true, "--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("secrets " + Main.VERSION + " ("), version.out());
    }

    /** An option added to one of these commands must be added to FastPath too (else its default would be missed). */
    @Test
    void fastPath_grammars_knowEveryOptionOfTheirCommands() {
        CommandLine model = Main.model();
        for (String command : List.of("render", "get", "decrypt", "exec", CompletionScripts.KEYS_COMMAND)) {
            java.util.Set<String> names = new java.util.HashSet<>();
            model.getSubcommands().get(command).getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
            names.removeAll(List.of("-h", "--help", "-V", "--version"));
            assertEquals(names, FastPath.optionNames(command), command);
        }
        java.util.Set<String> diff = new java.util.HashSet<>();
        model.getSubcommands().get("git").getSubcommands().get("diff").getCommandSpec().options()
                .forEach(o -> diff.addAll(List.of(o.names())));
        diff.removeAll(List.of("-h", "--help", "-V", "--version"));
        assertEquals(diff, FastPath.optionNames(FastPath.GIT_DIFF), FastPath.GIT_DIFF);
    }
}
