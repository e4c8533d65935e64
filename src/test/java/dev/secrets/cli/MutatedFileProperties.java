package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A valid encrypted file (comments, blank lines, an empty value, two recipients) mutated at random (lines deleted,
 * duplicated, swapped, truncated; random bytes, CR or look-alike characters inserted, notably inside
 * {@code ENC[...]} and {@code sops_} lines; keys renamed; values emptied; huge lines; a plaintext line added), then
 * given to every command that reads it. Whatever happens: a documented exit code, never 1 "unexpected", on failure
 * one short {@code secrets: } message without stack trace, no secret value on stderr, the input and an existing
 * {@code render --out} target byte-identical after a failure, and no temporary, lock or rejected file left.
 */
class MutatedFileProperties {
    private static final List<String> SECRETS = List.of("s3cret-Alpha-value", "p4ss-Bravo-value", "t0ken-Charlie-value");
    private static final String PLAIN_SECRET = "planted-Delta-value";
    private static final byte[] EXISTING = "KEEP=me\n".getBytes(StandardCharsets.UTF_8);
    private static final String[][] COMMANDS = {
        {"decrypt", "f.enc"}, {"view", "f.enc"}, {"get", "f.enc", "API_KEY"},
        {"decrypt", "--extract", "[\"TOKEN\"]", "f.enc"}, {"render", "f.enc", "--out", "existing.env"},
        {"render", "f.enc", "--format", "json"}, {"set", "f.enc", "ADDED", "--stdin"}, {"unset", "f.enc", "TOKEN"},
        {"edit", "f.enc"}, {"exec", "f.enc", "--", "true"},
    };

    private static Path home;
    private static Keys keys;
    private static byte[] valid;
    private static Set<Integer> documented;

    /** What one mutation does, where, with what. */
    record Mutation(int op, int line, int at, byte[] bytes) {
        @Override
        public String toString() {
            return "op " + op + " line " + line + " at " + at + " bytes " + Arrays.toString(bytes);
        }
    }

    @BeforeContainer
    static void encryptOnce() throws Exception {
        home = Files.createTempDirectory("mutated");
        keys = Keys.create(home.resolve("key.txt"));
        Keys other = Keys.create(home.resolve("other.txt"));
        Files.writeString(home.resolve("app.env"), "# header\nDB_PASSWORD=" + SECRETS.get(0) + "\n\nAPI_KEY="
                + SECRETS.get(1) + "\n# middle\nTOKEN=" + SECRETS.get(2) + "\nEMPTY=\n");
        Cli.Run run = new Cli(home).run("encrypt", "--age", keys.recipient() + "," + other.recipient(), "app.env",
                "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        valid = Files.readAllBytes(home.resolve("app.env.enc"));
        documented = documentedExitCodes();
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        deleteTree(home);
    }

    private static Set<Integer> documentedExitCodes() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| *(\\d+) *\\|").matcher(Files.readString(Path.of("docs/exit-codes.md")));
        Set<Integer> codes = new java.util.HashSet<>();
        while (row.find()) {
            codes.add(Integer.parseInt(row.group(1)));
        }
        assertTrue(codes.contains(128) && codes.contains(25), "exit-codes.md parsed: " + codes);
        return codes;
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 100_000),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(6)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 50)
    void everyCommand_mutatedFile_failsCleanlyOrSucceeds(@ForAll("mutations") List<Mutation> mutations)
            throws Exception {
        byte[] mutated = apply(valid, mutations);
        Path dir = Files.createTempDirectory(home, "try");
        try {
            Cli cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString()).env("SOPS_EDITOR", "true")
                    .stdin("added-value".getBytes(StandardCharsets.UTF_8));
            for (String[] command : COMMANDS) {
                Files.write(dir.resolve("f.enc"), mutated);
                Files.write(dir.resolve("existing.env"), EXISTING);
                Cli.Run run = cli.run(command);
                assertClean(run, String.join(" ", command), dir, mutated);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void assertClean(Cli.Run run, String command, Path dir, byte[] input) throws IOException {
        String err = run.stderr();
        String what = command + " -> " + run.exitCode() + ": " + err;
        assertTrue(documented.contains(run.exitCode()), "undocumented exit code: " + what);
        assertFalse(err.contains("\tat ") || err.contains("secrets: unexpected "), "unexpected error: " + what);
        for (String secret : SECRETS) {
            assertFalse(err.contains(secret), "secret on stderr: " + what);
        }
        assertFalse(err.contains(PLAIN_SECRET), "planted value on stderr: " + what);
        boolean failed = run.exitCode() != 0 && run.exitCode() != ExitCode.FILE_NOT_MODIFIED.code();
        if (failed) {
            assertTrue(err.startsWith("secrets: "), what);
            assertTrue(err.split("\n").length <= 6, "short message: " + what);
            assertArrayEquals(input, Files.readAllBytes(dir.resolve("f.enc")), "input changed: " + what);
            assertArrayEquals(EXISTING, Files.readAllBytes(dir.resolve("existing.env")), "output changed: " + what);
        }
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(Set.of("f.enc", "existing.env"), names, "files left: " + what);
        }
    }

    /** Applies the mutations line-wise (bytes kept as ISO-8859-1 chars so any byte survives). */
    static byte[] apply(byte[] file, List<Mutation> mutations) {
        List<String> lines = new ArrayList<>(List.of(new String(file, StandardCharsets.ISO_8859_1).split("\n", -1)));
        boolean truncate = false;
        for (Mutation m : mutations) {
            int index = m.line() % lines.size();
            String line = lines.get(index);
            int at = line.isEmpty() ? 0 : m.at() % (line.length() + 1);
            String inserted = new String(m.bytes(), StandardCharsets.ISO_8859_1);
            switch (m.op()) {
                case 0 -> lines.remove(index);
                case 1 -> lines.add(index, line);
                case 2 -> {
                    int other = m.at() % lines.size();
                    lines.set(index, lines.get(other));
                    lines.set(other, line);
                }
                case 3 -> lines.set(index, line.substring(0, at));
                case 4 -> lines.set(index, line.substring(0, at) + inserted + line.substring(at));
                case 5 -> lines.set(index, line.substring(0, at) + "\r" + line.substring(at));
                case 6, 7 -> {
                    // Inside an ENC[...] or sops_ line: a look-alike character where a parser must be strict.
                    List<Integer> targets = new ArrayList<>();
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).contains("ENC[") || lines.get(i).startsWith("sops_")) {
                            targets.add(i);
                        }
                    }
                    if (!targets.isEmpty()) {
                        int target = targets.get(m.line() % targets.size());
                        String text = lines.get(target);
                        int from = text.indexOf('=') + 1;
                        int pos = from + m.at() % Math.max(1, text.length() - from);
                        char lookAlike = "AZaz09+/=,:[]_\"' \\".charAt(Math.floorMod(m.bytes()[0], 18));
                        if (pos < text.length()) {
                            lines.set(target, text.substring(0, pos) + lookAlike + text.substring(pos + 1));
                        }
                    }
                }
                case 8 -> {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        lines.set(index, line.substring(0, m.at() % eq) + "X" + line.substring(eq));
                    }
                }
                case 9 -> {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        lines.set(index, line.substring(0, eq + 1));
                    }
                }
                case 10 -> lines.set(index, line + "x".repeat(m.at() * 3));
                case 11 -> lines.add(index, "PLAIN=" + PLAIN_SECRET);
                default -> truncate = true;
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        byte[] out = String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        if (truncate) {
            out = Arrays.copyOf(out, mutations.get(0).at() % (out.length + 1));
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
