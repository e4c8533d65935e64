package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master keys of the types secrets cannot wrap for (pgp, kms, gcp_kms, azure_kv, hc_vault), in YAML and dotenv
 * files, flat and inside {@code key_groups}: {@code set} and {@code edit}-like rewrites under the same data key keep
 * those entries byte for byte, and so does {@code rotate --all}'s credential step, which then skips the new data
 * key with a note; {@code rotate --data-key} needs a new data key and refuses with exit 65 naming the exact types,
 * the file untouched. {@code updatekeys} with a rule that keeps the key adds an age recipient and keeps the entries
 * byte for byte; a rule that adds one of those keys is refused naming it; a rule that drops it drops it.
 */
class ForeignKeysTest {
    /** Entry fields per type, as sops writes them (values are placeholders, never unwrapped). */
    private static final Map<String, Map<String, String>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("pgp", fields("created_at", "2024-01-01T00:00:00Z", "enc", "-----BEGIN PGP MESSAGE-----\\n\\nwcBMA0=\\n-----END PGP MESSAGE-----",
                "fp", "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4"));
        TYPES.put("kms", fields("arn", "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d", "created_at", "2024-01-01T00:00:00Z",
                "enc", "AQICAHhKmsCiphertextBlob==", "aws_profile", ""));
        TYPES.put("gcp_kms", fields("resource_id", "projects/p/locations/global/keyRings/r/cryptoKeys/k",
                "created_at", "2024-01-01T00:00:00Z", "enc", "CiQAGcpCiphertext=="));
        TYPES.put("azure_kv", fields("vault_url", "https://v.vault.azure.net", "name", "sops-key", "version", "0123abcd",
                "created_at", "2024-01-01T00:00:00Z", "enc", "azureCiphertext"));
        TYPES.put("hc_vault", fields("vault_address", "https://vault.example:8200", "engine_path", "sops", "key_name", "k",
                "created_at", "2024-01-01T00:00:00Z", "enc", "vault:v1:ciphertext"));
    }

    @TempDir
    Path dir;

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** An encrypted file of {@code format} with one entry of {@code type} added to its metadata. */
    private final class Fixture {
        final Path home;
        final Cli cli;
        final Path file;
        final String block;

        Fixture(String format, String type, boolean inGroups) throws Exception {
            home = Files.createDirectories(dir.resolve(format + "-" + type + (inGroups ? "-groups" : "")));
            Keys keys = Keys.create(home.resolve("key.txt"));
            cli = new Cli(home).env("SOPS_AGE_KEY_FILE", keys.file().toString());
            boolean yaml = format.equals("yaml");
            String name = yaml ? "app.yaml" : "app.env";
            Files.writeString(home.resolve(name), yaml ? "db:\n    password: correct horse\nport: 8080\n"
                    : "DB_PASSWORD=correct horse\nPORT=8080\n");
            Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), name, "-o", "secret-" + name);
            assertEquals(0, run.exitCode(), run.stderr());
            file = home.resolve("secret-" + name);
            String text = Files.readString(file);
            if (yaml) {
                if (inGroups) {
                    // One key group holding the age key and the foreign one, as sops writes key_groups.
                    int start = text.indexOf("    age:\n");
                    int end = text.indexOf("    lastmodified:");
                    // go-yaml's layout: the group's keys at 10, their list items at 12.
                    String age = text.substring(start, end).replace("\n    ", "\n        ").replaceFirst("^    age:", "          age:");
                    block = "    key_groups:\n        - " + yamlEntries(type, "          ", 2).substring(10) + age.stripTrailing() + "\n";
                    text = text.substring(0, start) + block + text.substring(end);
                } else {
                    block = yamlEntries(type, "    ", 4);
                    text = text.replace("    lastmodified:", block + "    lastmodified:");
                }
            } else {
                String prefix = inGroups ? "sops_key_groups__list_0__map_" : "sops_";
                StringBuilder lines = new StringBuilder();
                TYPES.get(type).forEach((k, v) -> lines.append(prefix).append(type).append("__list_0__map_").append(k)
                        .append('=').append(v).append('\n'));
                block = lines.toString();
                if (inGroups) {
                    text = text.replace("sops_age__list_0__map_", "sops_key_groups__list_0__map_age__list_0__map_");
                }
                text = text.replace("sops_lastmodified=", block + "sops_lastmodified=");
            }
            Files.writeString(file, text);
            Cli.Run check = cli.run("decrypt", file.getFileName().toString());
            assertEquals(0, check.exitCode(), check.stderr() + "\n" + text);
        }

        String yamlEntries(String type, String indent, int listIndent) {
            String item = indent + " ".repeat(listIndent);
            String field = item + "  ";
            String content = field + "  ";
            StringBuilder out = new StringBuilder(indent + type + ":\n");
            boolean first = true;
            for (Map.Entry<String, String> f : TYPES.get(type).entrySet()) {
                String value = f.getValue().isEmpty() ? "\"\"" : f.getValue().contains("\\n")
                        ? "|\n" + content + f.getValue().replace("\\n", "\n" + content).replace("\n" + content + "\n", "\n\n") + "\n"
                        : f.getValue().startsWith("2024") ? "\"" + f.getValue() + "\"" : f.getValue();
                out.append(first ? item + "- " : field).append(f.getKey()).append(": ").append(value);
                if (!value.endsWith("\n")) {
                    out.append('\n');
                }
                first = false;
            }
            return out.toString();
        }

        String key() {
            return file.getFileName().toString().endsWith(".yaml") ? "[\"db\"][\"password\"]" : "DB_PASSWORD";
        }
    }

    private Stream<DynamicTest> every(Case c) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String format : List.of("yaml", "dotenv")) {
            for (String type : TYPES.keySet()) {
                for (boolean groups : List.of(false, true)) {
                    tests.add(DynamicTest.dynamicTest(format + " " + type + (groups ? " in key_groups" : ""),
                            () -> c.run(new Fixture(format, type, groups), type)));
                }
            }
        }
        return tests.stream();
    }

    /** One check on one fixture. */
    private interface Case {
        void run(Fixture fx, String type) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> set_sameDataKey_foreignEntriesKeptByteForByte() {
        return every((fx, type) -> {
            Thread.sleep(1000);
            Cli.Run run = fx.cli.run("set", fx.file.getFileName().toString(), fx.key(), "battery staple");
            assertEquals(0, run.exitCode(), run.stderr());
            String after = Files.readString(fx.file);
            // YAML keeps the stored block; dotenv keeps every line, in sops's sorted order.
            for (String part : fx.file.toString().endsWith(".yaml") ? List.of(fx.block) : List.of(fx.block.split("\n"))) {
                assertTrue(after.contains(part), "foreign entries kept verbatim:\n" + part + "\nin\n" + after);
            }
            assertEquals("battery staple", fx.cli.run("get", fx.file.getFileName().toString(), fx.key()).out());
        });
    }

    @TestFactory
    Stream<DynamicTest> rotateDataKey_foreignKeys_refusedNamingTypeUntouched() {
        return every((fx, type) -> {
            byte[] before = Files.readAllBytes(fx.file);
            Cli.Run run = fx.cli.run("rotate", "--data-key", fx.file.getFileName().toString());
            assertEquals(ExitCode.UNSUPPORTED.code(), run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains(" " + type + " "), run.stderr());
            assertEquals(new String(before), Files.readString(fx.file));
        });
    }

    @TestFactory
    Stream<DynamicTest> rotateAll_foreignKeys_credentialRotatedDataKeyKeptWithNote() {
        return every((fx, type) -> {
            Files.writeString(fx.home.resolve("secrets-playbook.yaml"), "version: 1\ncredentials:\n  - key: '"
                    + fx.key() + "'\n    generate: {bytes: 32, encoding: hex}\n");
            Cli.Run run = fx.cli.run("rotate", fx.file.getFileName().toString(), "--all");
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("data key NOT rotated") && run.stderr().contains(" " + type + " "), run.stderr());
            assertTrue(fx.cli.run("get", fx.file.getFileName().toString(), fx.key()).out().matches("[0-9a-f]{64}"));
            String after = Files.readString(fx.file);
            for (String part : fx.file.toString().endsWith(".yaml") ? List.of(fx.block) : List.of(fx.block.split("\n"))) {
                assertTrue(after.contains(part), "foreign entries kept verbatim:\n" + part + "\nin\n" + after);
            }
        });
    }

    /** The rule line naming each fixture key as a creation rule does, and one naming another key of the type. */
    private static final Map<String, List<String>> RULE = Map.of(
            "pgp", List.of("pgp: FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "pgp: 0123456789ABCDEF0123456789ABCDEF01234567"),
            "kms", List.of("kms: arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d", "kms: arn:aws:kms:us-east-1:123456789012:key/ffff"),
            "gcp_kms", List.of("gcp_kms: projects/p/locations/global/keyRings/r/cryptoKeys/k",
                    "gcp_kms: projects/p/locations/global/keyRings/r/cryptoKeys/other"),
            "azure_kv", List.of("azure_keyvault: https://v.vault.azure.net/keys/sops-key/0123abcd",
                    "azure_keyvault: https://v.vault.azure.net/keys/other/1"),
            "hc_vault", List.of("hc_vault_transit_uri: https://vault.example:8200/v1/sops/keys/k",
                    "hc_vault_transit_uri: https://vault.example:8200/v1/sops/keys/other"));

    private static String identifier(String ruleLine) {
        return ruleLine.substring(ruleLine.indexOf(": ") + 2);
    }

    @TestFactory
    Stream<DynamicTest> updatekeys_ruleKeepsForeignKeyAddsAge_addedForeignEntriesKeptByteForByte() {
        return every((fx, type) -> {
            Keys other = Keys.create(fx.home.resolve("other.txt"));
            String mine = Files.readString(fx.home.resolve("key.txt")).lines().filter(l -> l.startsWith("# public key: "))
                    .findFirst().orElseThrow().substring("# public key: ".length());
            Files.writeString(fx.home.resolve(".sops.yaml"), "creation_rules:\n  - age: " + mine + "," + other.recipient()
                    + "\n    " + RULE.get(type).get(0) + "\n");
            String before = Files.readString(fx.file);
            Cli.Run run = fx.cli.run("updatekeys", "-y", fx.file.getFileName().toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("+ " + other.recipient()) && run.stderr().contains("data key: kept"), run.stderr());
            String after = Files.readString(fx.file);
            for (String part : fx.file.toString().endsWith(".yaml") ? List.of(fx.block) : List.of(fx.block.split("\n"))) {
                assertTrue(after.contains(part), "foreign entries kept verbatim:\n" + part + "\nin\n" + after);
            }
            // Values, time and MAC are those of before: only the key entries changed.
            for (String line : before.split("\n")) {
                if (line.contains("ENC[") || line.contains("lastmodified")) {
                    assertTrue(after.contains(line), line);
                }
            }
            Cli.Run asOther = new Cli(fx.home).env("SOPS_AGE_KEY_FILE", other.file().toString()).run("get",
                    fx.file.getFileName().toString(), fx.key());
            assertEquals("correct horse", asOther.out(), asOther.stderr());
            assertEquals(0, fx.cli.run("updatekeys", "-y", fx.file.getFileName().toString()).exitCode());
            assertEquals(after, Files.readString(fx.file), "a second run finds it up to date");
        });
    }

    @TestFactory
    Stream<DynamicTest> updatekeys_ruleAddsForeignKey_refusedNamingTypeAndIdentifierUntouched() {
        return every((fx, type) -> {
            byte[] before = Files.readAllBytes(fx.file);
            Keys other = Keys.create(fx.home.resolve("other.txt"));
            Files.writeString(fx.home.resolve(".sops.yaml"), "creation_rules:\n  - age: " + other.recipient()
                    + "\n    " + RULE.get(type).get(1) + "\n");
            Cli.Run run = fx.cli.run("updatekeys", "-y", fx.file.getFileName().toString());
            assertEquals(ExitCode.UNSUPPORTED.code(), run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("adds " + type + " " + identifier(RULE.get(type).get(1))), run.stderr());
            assertEquals(1, run.stderr().lines().filter(l -> l.startsWith("secrets:")).count(), run.stderr());
            assertEquals(new String(before), Files.readString(fx.file));
        });
    }

    @TestFactory
    Stream<DynamicTest> updatekeys_ruleDropsForeignKey_removedWithNewDataKey() {
        return every((fx, type) -> {
            Keys other = Keys.create(fx.home.resolve("other.txt"));
            Files.writeString(fx.home.resolve(".sops.yaml"), "creation_rules:\n  - age: " + other.recipient() + "\n");
            Cli.Run run = fx.cli.run("updatekeys", "-y", fx.file.getFileName().toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("- " + type + " ") && run.stderr().contains("data key: NEW"), run.stderr());
            String after = Files.readString(fx.file);
            assertTrue(!after.contains(type + "__list_") && !after.contains(type + ":"), after);
            Cli.Run asOther = new Cli(fx.home).env("SOPS_AGE_KEY_FILE", other.file().toString()).run("get",
                    fx.file.getFileName().toString(), fx.key());
            assertEquals("correct horse", asOther.out(), asOther.stderr());
        });
    }
}
