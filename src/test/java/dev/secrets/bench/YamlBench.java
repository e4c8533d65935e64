package dev.secrets.bench;

import static dev.secrets.bench.Medians.median;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * In-process benchmark (not a test) of the YAML library choice: parse + emit of a plain YAML document of N
 * nested values with comments through the YAML store (snakeyaml's comment-aware composer, then the port of
 * go-yaml's emitter), against jackson-dataformat-yaml's {@code readTree} + {@code writeValueAsBytes} on the same
 * text in the same run (the baseline). Prints medians and the ratio, and for the YAML files of the public sops
 * vectors how many each way writes back byte for byte and how many keep their comments.
 * Run with {@code bash scripts/bench.sh}.
 */
public final class YamlBench {
    private YamlBench() {
    }

    public static void main(String[] args) throws Exception {
        int values = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        SopsStore yaml = SopsStores.named("yaml");
        YAMLMapper jackson = new YAMLMapper();
        byte[] text = document(values);
        double ours = median(rounds, () -> {
            try {
                SopsTree tree = yaml.parsePlain(text, "bench");
                return yaml.emitPlain(tree);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double baseline = median(rounds, () -> {
            try {
                JsonNode tree = jackson.readTree(text);
                return jackson.writeValueAsBytes(tree);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("yaml document: %d values, %d bytes, rounds=%d%n", values, text.length, rounds);
        System.out.printf("baseline  jackson-dataformat-yaml readTree+write: median %.2f ms%n", baseline);
        System.out.printf("secrets   snakeyaml composer+go-yaml emitter:  median %.2f ms  (%.2fx baseline)%n", ours, ours / baseline);
        fidelity(yaml, jackson, args.length > 2 ? Path.of(args[2]) : Path.of("test-vectors/shared/vectors/sops"));
    }

    /** Every YAML file of the public sops vectors (sops-written, plain or encrypted) read and written back both ways. */
    private static void fidelity(SopsStore yaml, YAMLMapper jackson, Path vectors) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> cases = Files.list(vectors)) {
            for (Path c : cases.filter(p -> p.getFileName().toString().startsWith("yaml-")).sorted().toList()) {
                try (Stream<Path> list = Files.list(c)) {
                    list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(files::add);
                }
            }
        }
        int oursExact = 0;
        int jacksonExact = 0;
        int withComments = 0;
        int oursKeepComments = 0;
        int jacksonKeepsComments = 0;
        for (Path file : files) {
            byte[] text = Files.readAllBytes(file);
            byte[] back;
            if (yaml.looksEncrypted(text)) {
                SopsDocument doc = yaml.readEncrypted(text, file.toString());
                back = yaml.writeEncrypted(doc.tree(), doc.metadata(), doc);
            } else {
                back = yaml.emitPlain(yaml.parsePlain(text, file.toString()));
            }
            byte[] viaJackson = jackson.writeValueAsBytes(jackson.readTree(text));
            if (Arrays.equals(text, back)) {
                oursExact++;
            } else {
                System.out.println("  secrets re-lays out " + vectors.relativize(file));
            }
            jacksonExact += Arrays.equals(text, viaJackson) ? 1 : 0;
            if (comments(text) > 0) {
                withComments++;
                oursKeepComments += comments(back) == comments(text) ? 1 : 0;
                jacksonKeepsComments += comments(viaJackson) == comments(text) ? 1 : 0;
            }
        }
        System.out.printf("fidelity over the %d YAML files of the public sops vectors: written back byte for byte: "
                + "secrets %d, jackson %d; all comments kept (%d files have comments): secrets %d, jackson %d%n",
                files.size(), oursExact, jacksonExact, withComments, oursKeepComments, jacksonKeepsComments);
    }

    private static long comments(byte[] text) {
        return new String(text, StandardCharsets.UTF_8).lines().filter(l -> l.strip().startsWith("#")).count();
    }

    private static byte[] document(int values) {
        StringBuilder out = new StringBuilder("# generated for the benchmark\n");
        for (int i = 0; i < values / 4; i++) {
            out.append("svc_").append(i).append(":\n")
                    .append("    # owner team ").append(i).append('\n')
                    .append("    password: value-").append(i).append("-abcdefghijklmnopqrstuvwxyz\n")
                    .append("    port: ").append(1000 + i).append('\n')
                    .append("    hosts:\n        - a").append(i).append(".internal\n        - b").append(i).append(".internal\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
