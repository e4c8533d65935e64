package dev.secrets.bench;

import dev.secrets.testsupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark (not a test): {@code secrets render} against {@code secrets decrypt} of the same file, in one warm JVM,
 * at several file sizes. {@code decrypt} is the baseline: both read, unwrap, verify and decrypt the same file, so
 * anything render does per entry beyond that (selection, formatting) shows up as the ratio. Prints medians.
 * Run with {@code bash scripts/bench.sh} or directly with sizes as arguments (default 1000 10000 100000).
 */
public final class RenderBench {
    private RenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        Path dir = Files.createTempDirectory("secrets-render-bench");
        try {
            Cli cli = new Cli(dir);
            check(cli.run("keygen", "-o", "key.txt"), "keygen");
            String recipient = check(cli.run("keygen", "-y", "key.txt"), "keygen -y").out().strip();
            cli.env("SOPS_AGE_KEY_FILE", dir.resolve("key.txt").toString());
            System.out.println("render vs decrypt of the same file, one warm JVM, medians (baseline = decrypt)");
            System.out.printf("  %8s  %12s  %12s  %12s  %6s%n", "keys", "decrypt ms", "render ms", "render json",
                    "ratio");
            for (int size : sizes) {
                Path plain = dir.resolve("plain-" + size + ".env");
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < size; i++) {
                    text.append("KEY_").append(i).append('=').append("value-").append(i).append("-abcdefghijklmnop\n");
                }
                Files.writeString(plain, text);
                String enc = "file-" + size + ".env.enc";
                check(cli.run("encrypt", plain.getFileName().toString(), "-o", enc, "--age", recipient), "encrypt");
                int rounds = size >= 100_000 ? 7 : 21;
                double decrypt = median(rounds, () -> check(cli.run("decrypt", enc), "decrypt"));
                double render = median(rounds, () -> check(cli.run("render", enc), "render"));
                double json = median(rounds, () -> check(cli.run("render", enc, "--format", "json"), "render json"));
                System.out.printf("  %8d  %12.1f  %12.1f  %12.1f  %5.2fx%n", size, decrypt, render, json,
                        render / decrypt);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private interface Run {
        void once() throws Exception;
    }

    private static double median(int rounds, Run run) throws Exception {
        for (int i = 0; i < 3; i++) {
            run.once(); // warm-up: JIT and caches, so rounds compare steady states
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            run.once();
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(Double::compare);
        return times.get(times.size() / 2);
    }

    private static Cli.Run check(Cli.Run run, String what) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException(what + " exited " + run.exitCode() + ": " + run.stderr());
        }
        return run;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
