package dev.secrets.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent peers (the {@code age} CLI and the {@code sops-age} npm package), run as real processes.
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
        return run(List.of(args), "age", stdin, null);
    }

    /** Runs {@code age-keygen} with {@code args}. */
    public static Result ageKeygen(String... args) throws IOException, InterruptedException {
        Programs.require("age-keygen", "apt-get install age");
        return run(List.of(args), "age-keygen", new byte[0], null);
    }

    /** Decrypts {@code file} with sops-age (key passed in the environment), returning its JSON output. */
    public static Result sopsAge(Path file, String secretKey) throws IOException, InterruptedException {
        return sopsAge(file, secretKey, "env");
    }

    /** Decrypts {@code file} of {@code fileType} ({@code env}, {@code yaml}, {@code json}) with sops-age. */
    public static Result sopsAge(Path file, String secretKey, String fileType) throws IOException, InterruptedException {
        Path script = Path.of("interop/sops-age-decrypt.mjs").toAbsolutePath();
        Programs.require("node", "scripts/install-peers.sh");
        if (!Files.isDirectory(Path.of("interop/node_modules/sops-age"))) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("interop/node_modules/sops-age is missing on CI (scripts/install-peers.sh)");
            }
            Assumptions.abort("sops-age is not installed (scripts/install-peers.sh)");
        }
        return run(List.of(script.toString(), file.toString(), fileType), "node", new byte[0], secretKey);
    }

    private static Result run(List<String> args, String program, byte[] stdin, String sopsAgeKey)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(program);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (sopsAgeKey != null) {
            builder.environment().put("SOPS_AGE_KEY", sopsAgeKey);
        }
        Process p = builder.start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(program + " timed out");
        }
        return new Result(p.exitValue(), out, err);
    }
}
