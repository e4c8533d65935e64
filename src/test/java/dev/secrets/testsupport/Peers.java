package dev.secrets.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent peers (the {@code age} CLI, the {@code sops-age} and {@code age-encryption} npm packages), run
 * as real processes.
 * On CI (variable CI set) a missing peer fails the test; elsewhere it skips it.
 */
public final class Peers {
    private Peers() {
    }

    /** Output of a peer run. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        /** Stdout as UTF-8. */
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code age} with {@code args} and {@code stdin}. */
    public static Result age(byte[] stdin, String... args) throws IOException, InterruptedException {
        Programs.require("age", "apt-get install age");
        return run(List.of(args), "age", stdin, java.util.Map.of());
    }

    /** Runs {@code age-keygen} with {@code args}. */
    public static Result ageKeygen(String... args) throws IOException, InterruptedException {
        Programs.require("age-keygen", "apt-get install age");
        return run(List.of(args), "age-keygen", new byte[0], java.util.Map.of());
    }

    /** Decrypts {@code file} with sops-age (key passed in the environment), returning its JSON output. */
    public static Result sopsAge(Path file, String secretKey) throws IOException, InterruptedException {
        return sopsAge(file, secretKey, "env");
    }

    /** Decrypts {@code file} of {@code fileType} ({@code env}, {@code yaml}, {@code json}) with sops-age. */
    public static Result sopsAge(Path file, String secretKey, String fileType) throws IOException, InterruptedException {
        Path script = Path.of("interop/sops-age-decrypt.mjs").toAbsolutePath();
        requireModule("sops-age");
        return run(List.of(script.toString(), file.toString(), fileType), "node", new byte[0], secretKey);
    }

    /**
     * Runs typage (the {@code age-encryption} npm package) in {@code mode} ({@code encrypt}, {@code decrypt},
     * {@code recipient}, {@code keygen-pq}); the key goes in the environment as {@code variable}.
     */
    public static Result typage(String mode, byte[] stdin, String variable, String key)
            throws IOException, InterruptedException {
        Path script = Path.of("interop/age-encryption-peer.mjs").toAbsolutePath();
        requireModule("age-encryption");
        return run(List.of(script.toString(), mode), "node", stdin,
                variable == null ? java.util.Map.of() : java.util.Map.of(variable, key));
    }

    /** node and the npm package {@code module} in interop/: missing fails on CI, skips elsewhere. */
    private static void requireModule(String module) {
        Programs.require("node", "scripts/install-peers.sh");
        if (!Files.isDirectory(Path.of("interop/node_modules", module))) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("interop/node_modules/" + module + " is missing on CI (scripts/install-peers.sh)");
            }
            Assumptions.abort(module + " is not installed (scripts/install-peers.sh)");
        }
    }

    private static Result run(List<String> args, String program, byte[] stdin, String sopsAgeKey)
            throws IOException, InterruptedException {
        return run(args, program, stdin, sopsAgeKey == null ? java.util.Map.of() : java.util.Map.of("SOPS_AGE_KEY", sopsAgeKey));
    }

    /** Runs {@code program} with {@code args}, {@code stdin} and extra {@code env} entries. */
    static Result run(String program, List<String> args, byte[] stdin, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        return run(args, program, stdin, env);
    }

    private static Result run(List<String> args, String program, byte[] stdin, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(program);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        try (java.io.OutputStream toPeer = p.getOutputStream()) {
            toPeer.write(stdin);
        } catch (IOException exitedBeforeReading) {
            // A peer that refuses its arguments may exit before it reads stdin (broken pipe, or "Stream closed"
            // once the JDK has reaped it); its exit code and stderr below are what the test asserts.
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(program + " timed out");
        }
        return new Result(p.exitValue(), out, err);
    }
}
