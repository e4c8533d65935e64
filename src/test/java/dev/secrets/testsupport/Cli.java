package dev.secrets.testsupport;

import dev.secrets.cli.Main;
import dev.secrets.io.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in-process with a private environment rooted in a test folder. */
public final class Cli {
    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();
    private byte[] stdin = new byte[0];

    /** A command line working in {@code workDir}, with that folder as HOME too (no real keys leak in). */
    public Cli(Path workDir) {
        this.workDir = workDir;
        env.put("HOME", workDir.toString());
        env.put("PATH", System.getenv("PATH"));
    }

    /** Sets an environment variable. */
    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Sets what stdin holds. */
    public Cli stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    /** Runs {@code args} and returns what happened. */
    public Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Main.run(out, new PrintWriter(err, true), new ByteArrayInputStream(stdin),
                new Environment(env, workDir, workDir), args);
        return new Run(code, out.toByteArray(), err.toString());
    }

    /** The outcome of one run. */
    public record Run(int exitCode, byte[] stdout, String stderr) {
        /** Stdout as UTF-8. */
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }
}
