package dev.secrets.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private SopsConfig write(String yaml) throws Exception {
        Path file = dir.resolve(".sops.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    @Test
    void locate_walksUpFromTheFilesFolderNotTheWorkingDirectory() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project/secrets/prod"));
        Files.writeString(dir.resolve("project/.sops.yaml"), "creation_rules: []\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Environment env = new Environment(Map.of(), elsewhere, dir);
        assertEquals(dir.resolve("project/.sops.yaml"),
                ConfigLoader.locate(project.resolve("app.env"), null, env).orElseThrow());
        assertTrue(ConfigLoader.locate(elsewhere.resolve("x.env"), null, env).isEmpty());
    }

    @Test
    void ruleFor_firstMatchWinsRelativeToConfigFolder() throws Exception {
        SopsConfig config = write("""
                creation_rules:
                  - path_regex: ^prod/
                    age: [age1aaa, "age1bbb, age1ccc"]
                    encrypted_regex: ^DB_
                  - age: age1ddd,age1eee
                """);
        CreationRule prod = config.ruleFor(dir.resolve("prod/app.env"));
        assertEquals(List.of(List.of("age1aaa", "age1bbb", "age1ccc")), prod.ageKeyGroups());
        assertEquals(Map.of("encrypted_regex", "^DB_"), prod.cryptRules());
        assertEquals(List.of(List.of("age1ddd", "age1eee")), config.ruleFor(dir.resolve("dev/app.env")).ageKeyGroups());
    }

    @Test
    void ruleFor_keyGroupsWithMerge_flattensEachGroup() throws Exception {
        SopsConfig config = write("""
                creation_rules:
                  - shamir_threshold: 2
                    key_groups:
                      - age: [age1a]
                        merge: [{age: [age1b]}]
                      - age: [age1c]
                """);
        CreationRule rule = config.ruleFor(dir.resolve("x.env"));
        assertEquals(List.of(List.of("age1a", "age1b"), List.of("age1c")), rule.ageKeyGroups());
        assertEquals(2, rule.shamirThreshold());
    }

    @Test
    void ruleFor_noMatch_namesFileAndConfig() throws Exception {
        SopsConfig config = write("creation_rules:\n  - path_regex: ^prod/\n    age: age1a\n");
        ConfigException e = assertThrows(ConfigException.NoMatchingRule.class, () -> config.ruleFor(dir.resolve("dev/x.env")));
        assertTrue(e.getMessage().contains("dev/x.env") && e.getMessage().contains(".sops.yaml"), e.getMessage());
    }

    @Test
    void load_twoSelectors_invalid() {
        assertThrows(ConfigException.Invalid.class, () -> write(
                "creation_rules:\n  - age: age1a\n    encrypted_regex: a\n    unencrypted_suffix: _u\n"));
    }

    @Test
    void load_otherKeyTypes_keptAsSopsNamesThemPerGroup() throws Exception {
        SopsConfig config = write("creation_rules:\n  - age: age1a\n    pgp: 'AB CD, EF'\n"
                + "    kms: arn:aws:kms:r:1:key/k+arn:aws:iam::1:role/r\n    aws_profile: dev\n"
                + "  - key_groups:\n      - age: [age1b]\n      - pgp: [FP1]\n        kms:\n          - arn: arn:k\n"
                + "            context: {b: '2', a: '1'}\n        azure_keyvault:\n          - vaultUrl: https://v\n"
                + "            key: n\n            version: '7'\n        hc_vault: ['https://h:8200/v1/sops/keys/x']\n"
                + "    shamir_threshold: 2\n");
        assertEquals(List.of(List.of("pgp ABCD", "pgp EF", "kms arn:aws:kms:r:1:key/k+arn:aws:iam::1:role/r||dev")),
                config.rules().get(0).foreignKeyGroups());
        assertEquals(List.of(List.of(), List.of("pgp FP1", "kms arn:k|a:1,b:2", "azure_kv https://v/keys/n/7",
                "hc_vault https://h:8200/v1/sops/keys/x")), config.rules().get(1).foreignKeyGroups());
        assertEquals(List.of(List.of("age1b"), List.of()), config.rules().get(1).ageKeyGroups());
    }

    @Test
    void load_badYaml_namesLine() {
        ConfigException e = assertThrows(ConfigException.Invalid.class, () -> write(
                "creation_rules:\n  - age: [unclosed\n"));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void load_shamirThresholdOutOfRangeOrNotANumber_invalid() {
        for (String value : new String[] {"3", "1", "abc", "-2"}) {
            ConfigException e = assertThrows(ConfigException.Invalid.class, () -> write("creation_rules:\n"
                    + "  - shamir_threshold: " + value + "\n    key_groups:\n      - age: [age1a]\n      - age: [age1b]\n"), value);
            assertTrue(e.getMessage().contains("shamir_threshold"), e.getMessage());
        }
    }

    @Test
    void load_pathRegexNotAString_invalid() {
        ConfigException e = assertThrows(ConfigException.Invalid.class, () -> write("creation_rules:\n  - path_regex: 5\n    age: age1a\n"));
        assertTrue(e.getMessage().contains("path_regex"), e.getMessage());
    }
}
