package dev.secrets.bench;

import dev.secrets.age.AgeKeyPair;
import dev.secrets.cli.Main;
import dev.secrets.io.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test) of {@code secrets scan-history} on a generated repository of N commits (default
 * 10,000), each changing one of 200 text files of about 2 KiB, with one secret committed and deleted half-way.
 * Baseline in the same run: git itself streaming the same history and every object ({@code git log --raw} plus
 * {@code git cat-file --batch --batch-all-objects} to /dev/null), the floor any history scan pays. Prints medians
 * of R rounds and the ratio. Run with {@code bash scripts/bench.sh} or directly with {@code [commits] [rounds]}.
 */
public final class ScanHistoryBench {
    private static final String SECRET = "kW9vP2xR7mN4tL8sQ1yB6cD3fG5hJ0aZ-uE2oI7rT9w";

    private ScanHistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("scan-bench");
        Path repo = dir.resolve("repo");
        long t0 = System.nanoTime();
        generate(repo, commits);
        AgeKeyPair pair = AgeKeyPair.generate();
        Path key = dir.resolve("key.txt");
        Files.write(key, pair.keysFile().copy());
        Files.writeString(dir.resolve("plain.env"), "API_TOKEN=" + SECRET + "\nPORT=8080\n");
        Environment env = env(repo, key);
        int code = Main.run(OutputStream.nullOutputStream(), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), env, "encrypt", "--age", pair.recipient(),
                dir.resolve("plain.env").toString(), "-o", repo.resolve("app.env.enc").toString());
        check(code == 0, "encrypt failed");
        git(repo, "add", "app.env.enc");
        git(repo, "commit", "-q", "-m", "encrypted");
        System.out.printf("generated %d commits in %.1f s%n", commits, (System.nanoTime() - t0) / 1e9);
        List<Double> baseline = new ArrayList<>();
        List<Double> scan = new ArrayList<>();
        for (int r = 0; r < rounds + 1; r++) {
            long b = System.nanoTime();
            discard(repo, "log", "--all", "--reflog", "-m", "--no-renames", "--raw", "--no-abbrev", "-z");
            discard(repo, "cat-file", "--batch", "--batch-all-objects");
            double baseSeconds = (System.nanoTime() - b) / 1e9;
            long s = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringWriter err = new StringWriter();
            code = Main.run(out, new PrintWriter(err), new ByteArrayInputStream(new byte[0]), env, "scan-history");
            double scanSeconds = (System.nanoTime() - s) / 1e9;
            check(code == 30 && out.toString(StandardCharsets.UTF_8).contains("leak.env"),
                    "the planted secret was not found: " + out + err);
            if (r > 0) {
                baseline.add(baseSeconds);
                scan.add(scanSeconds);
            } else {
                System.out.println("warm-up: " + err.toString().strip());
            }
        }
        double base = median(baseline);
        double mine = median(scan);
        System.out.printf("scan-history, %d commits, medians of %d rounds:%n", commits, rounds);
        System.out.printf("  git log --raw + cat-file --batch-all-objects (baseline)  %7.2f s%n", base);
        System.out.printf("  secrets scan-history                                     %7.2f s  %5.2fx baseline%n",
                mine, mine / base);
    }

    private static Environment env(Path repo, Path key) {
        Map<String, String> vars = new HashMap<>();
        vars.put("PATH", System.getenv("PATH"));
        vars.put("HOME", repo.getParent().toString());
        vars.put("SOPS_AGE_KEY_FILE", key.toString());
        return new Environment(vars, repo, repo.getParent());
    }

    /** Writes the history with one {@code git fast-import} stream: far faster than 10,000 commit processes. */
    private static void generate(Path repo, int commits) throws Exception {
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.email", "bench@example.com");
        git(repo, "config", "user.name", "Bench");
        Random random = new Random(42);
        StringBuilder stream = new StringBuilder();
        String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho";
        String[] vocabulary = words.split(" ");
        for (int c = 1; c <= commits; c++) {
            StringBuilder content = new StringBuilder();
            while (content.length() < 2048) {
                content.append(vocabulary[random.nextInt(vocabulary.length)]).append(random.nextInt(1000)).append(' ');
            }
            content.append('\n');
            byte[] data = content.toString().getBytes(StandardCharsets.UTF_8);
            stream.append("commit refs/heads/main\nmark :").append(c).append("\ncommitter Bench <b@example.com> ")
                    .append(1_600_000_000L + c * 60L).append(" +0000\ndata 7\ncommit\n");
            if (c > 1) {
                stream.append("from :").append(c - 1).append('\n');
            }
            stream.append("M 100644 inline src/file").append(c % 200).append(".txt\ndata ").append(data.length)
                    .append('\n').append(content).append('\n');
            if (c == commits / 2) {
                String leak = "API_TOKEN=" + SECRET + "\n";
                stream.append("M 100644 inline leak.env\ndata ").append(leak.length()).append('\n').append(leak)
                        .append('\n');
            }
            if (c == commits / 2 + 1) {
                stream.append("D leak.env\n");
            }
        }
        Process process = new ProcessBuilder("git", "-C", repo.toString(), "fast-import", "--quiet")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stream.toString().getBytes(StandardCharsets.UTF_8));
        }
        check(process.waitFor() == 0, "fast-import failed");
        git(repo, "checkout", "-q", "-f", "main");
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        check(p.waitFor() == 0, "git " + String.join(" ", args));
    }

    private static void discard(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        check(p.waitFor() == 0, "git " + String.join(" ", args));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
