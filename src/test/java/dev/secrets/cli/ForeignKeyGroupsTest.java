package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.ShamirSharing;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.HistoryRepo;
import dev.secrets.testsupport.Keys;
import dev.secrets.testsupport.Peers;
import dev.secrets.testsupport.Programs;
import dev.secrets.testsupport.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files with real pgp entries (wrapped by the {@code gpg} CLI to the test key sops publishes) in every store:
 * one key group of age + pgp, and Shamir key groups where one group is pgp only. {@code updatekeys} adds age
 * recipients and keeps every pgp entry byte for byte (and still valid: gpg opens the same data key or share),
 * refuses where a group's share is out of reach, and {@code decrypt} says which group it is missing.
 */
class ForeignKeyGroupsTest {
    /** The fingerprint of sops's functional-test key (test-vectors/shared/extra/sops-ini). */
    private static final String FP = "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4";
    private static final List<String> FORMATS = List.of("dotenv", "yaml", "json", "ini");

    @TempDir
    Path dir;
    private Path gnupg;
    private Keys alice;
    private Keys bob;
    private Keys carol;
    private Keys dave;
    private Keys carrier;

    /** One store's file: name, plaintext, the path of its secret, and sops-age's type (null: it cannot read it). */
    private record Format(String name, String plain, String key, String sopsAgeType) {
        static Format of(String format) {
            String path = "[\"db\"][\"password\"]";
            return switch (format) {
                case "dotenv" -> new Format("secret.env", "DB_PASSWORD=correct horse\nPORT=8080\n", "DB_PASSWORD", "env");
                case "yaml" -> new Format("secret.yaml", "db:\n    password: correct horse\nport: 8080\n", path, "yaml");
                case "json" -> new Format("secret.json", "{\n    \"db\": {\n        \"password\": \"correct horse\"\n    },\n"
                        + "    \"port\": 8080\n}\n", path, "json");
                default -> new Format("secret.ini", "[db]\npassword = correct horse\n", path, null);
            };
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Programs.require("gpg", "apt-get install gnupg");
        gnupg = Files.createDirectory(dir.resolve("gnupg"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Programs.Output imported = gpg("--import", Shared.extra("sops-ini").resolve("sops_functional_tests_key.asc").toString());
        assertEquals(0, imported.exitCode(), imported.text());
        alice = Keys.create(dir.resolve("alice.txt"));
        bob = Keys.create(dir.resolve("bob.txt"));
        carol = Keys.create(dir.resolve("carol.txt"));
        dave = Keys.create(dir.resolve("dave.txt"));
        carrier = Keys.create(dir.resolve("carrier.txt"));
    }

    /** gpg starts an agent for the home folder; it must not outlive the test. */
    @AfterEach
    void stopAgent() throws Exception {
        Programs.run(List.of("gpgconf", "--homedir", gnupg.toString(), "--kill", "gpg-agent"), dir, Map.of(), List.of());
    }

    private Programs.Output gpg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--quiet", "--homedir", gnupg.toString()));
        command.addAll(List.of(args));
        return Programs.run(command, dir, Map.of(), List.of());
    }

    /** {@code part} encrypted by gpg to sops's test key, ASCII-armored, as sops stores a pgp {@code enc}. */
    private String gpgWrap(byte[] part) throws Exception {
        Path in = dir.resolve("part.bin");
        Path out = dir.resolve("part.asc");
        Files.write(in, part);
        Files.deleteIfExists(out);
        Programs.Output run = gpg("--trust-model", "always", "--armor", "--recipient", FP, "--output", out.toString(),
                "--encrypt", in.toString());
        assertEquals(0, run.exitCode(), run.text());
        Files.delete(in);
        return Files.readString(out);
    }

    /** What gpg unwraps from a pgp {@code enc}. */
    private byte[] gpgUnwrap(String enc) throws Exception {
        Path in = dir.resolve("enc.asc");
        Path out = dir.resolve("enc.bin");
        Files.writeString(in, enc);
        Files.deleteIfExists(out);
        Programs.Output run = gpg("--output", out.toString(), "--decrypt", in.toString());
        assertEquals(0, run.exitCode(), run.text());
        byte[] plain = Files.readAllBytes(out);
        Files.delete(out);
        return plain;
    }

    private static byte[] ageUnwrap(String enc, Keys identity) throws Exception {
        Peers.Result run = Peers.age(enc.getBytes(StandardCharsets.US_ASCII), "-d", "-i", identity.file().toString());
        assertEquals(0, run.exitCode(), run.stderr());
        return run.stdout();
    }

    private Cli as(Keys... identities) throws Exception {
        StringBuilder keys = new StringBuilder();
        for (Keys k : identities) {
            keys.append(Files.readString(k.file()));
        }
        Path file = dir.resolve("id-" + System.nanoTime() + ".txt");
        Files.writeString(file, keys);
        return new Cli(dir).env("SOPS_AGE_KEY_FILE", file.toString());
    }

    private void rule(String text) throws Exception {
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n" + text);
    }

    private static String groupsRule(List<List<String>> groups, int threshold) {
        StringBuilder out = new StringBuilder("  - key_groups:\n");
        for (List<String> group : groups) {
            List<String> age = group.stream().filter(r -> r.startsWith("age1")).toList();
            List<String> pgp = group.stream().filter(r -> !r.startsWith("age1")).toList();
            String first = "      - ";
            if (!age.isEmpty()) {
                out.append(first).append("age: [").append(String.join(", ", age)).append("]\n");
                first = "        ";
            }
            if (!pgp.isEmpty()) {
                out.append(first).append("pgp: [").append(String.join(", ", pgp)).append("]\n");
            }
        }
        return out.append("    shamir_threshold: ").append(threshold).append('\n').toString();
    }

    /**
     * A file of {@code format} encrypted by secrets for {@code groups}; every entry of {@code carrier} is then
     * replaced by a pgp entry holding the same data key or share, wrapped by gpg (the carrier's copy unwrapped by
     * the age CLI), written back through the store as sops lays it out.
     */
    private Path build(Format format, List<List<Keys>> groups, int threshold) throws Exception {
        if (groups.size() == 1) {
            rule("  - age: " + String.join(",", groups.get(0).stream().map(Keys::recipient).toList()) + "\n");
        } else {
            rule(groupsRule(groups.stream().map(g -> g.stream().map(Keys::recipient).toList()).toList(), threshold));
        }
        Files.writeString(dir.resolve("plain-" + format.name()), format.plain());
        Cli.Run run = new Cli(dir).run("encrypt", "plain-" + format.name(), "-o", format.name());
        assertEquals(0, run.exitCode(), run.stderr());
        Path file = dir.resolve(format.name());
        byte[] bytes = Files.readAllBytes(file);
        SopsStore store = SopsStores.choose(null, format.name(), bytes);
        SopsDocument doc = store.readEncrypted(bytes, format.name());
        Metadata m = doc.metadata();
        List<List<WrappedKey>> kept = new ArrayList<>();
        Map<String, String> other = new TreeMap<>(m.otherEntries());
        for (int g = 0; g < m.keyGroups().size(); g++) {
            List<WrappedKey> group = new ArrayList<>();
            for (WrappedKey key : m.keyGroups().get(g)) {
                if (!key.recipient().equals(carrier.recipient())) {
                    group.add(key);
                    continue;
                }
                String prefix = (m.keyGroups().size() == 1 ? "" : "key_groups__list_" + g + "__map_") + "pgp__list_0__map_";
                other.put(prefix + "created_at", "2026-12-03T10:00:00Z");
                other.put(prefix + "enc", gpgWrap(ageUnwrap(key.enc(), carrier)));
                other.put(prefix + "fp", FP);
            }
            kept.add(group);
        }
        Metadata withPgp = new Metadata(kept, m.shamirThreshold(), m.lastModified(), m.mac(), m.macOnlyEncrypted(),
                m.cryptRule(), m.version(), other);
        // Written as a new file, so the layout is sops's own (empty age/hc_vault lists in a pgp-only group).
        Files.write(file, store.writeEncrypted(doc.tree(), withPgp, null));
        return file;
    }

    private static Metadata metadata(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return SopsStores.choose(null, file.getFileName().toString(), bytes).readEncrypted(bytes, file.toString())
                .metadata();
    }

    private static Map<String, String> pgpEntries(Metadata m) {
        Map<String, String> out = new TreeMap<>();
        m.otherEntries().forEach((k, v) -> {
            if (k.contains("pgp__")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Lines of {@code before} not in {@code after}, counted (a multiset difference). */
    private static List<String> removedLines(String before, String after) {
        Map<String, Integer> left = new HashMap<>();
        after.lines().forEach(l -> left.merge(l, 1, Integer::sum));
        List<String> removed = new ArrayList<>();
        for (String line : before.lines().toList()) {
            if (left.getOrDefault(line, 0) > 0) {
                left.merge(line, -1, Integer::sum);
            } else {
                removed.add(line);
            }
        }
        return removed;
    }

    /** Nothing with content was taken out: at most a JSON closing line gained a comma. */
    private static void onlyAdded(String before, String after) {
        List<String> removed = removedLines(before, after);
        assertTrue(removed.stream().allMatch(l -> l.strip().matches("[\\]},]*")), "changed lines: " + removed
                + "\nbefore:\n" + before + "\nafter:\n" + after);
    }

    private Stream<DynamicTest> everyFormat(FormatCase c) {
        return FORMATS.stream().map(f -> DynamicTest.dynamicTest(f, () -> c.run(Format.of(f))));
    }

    /** One check on one store. */
    private interface FormatCase {
        void run(Format format) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> updatekeys_ageAddedBesidePgp_pgpEntryKeptAndStillOpensTheDataKey() {
        return everyFormat(f -> {
            Path file = build(f, List.of(List.of(alice, carrier)), 0);
            String before = Files.readString(file);
            Map<String, String> pgpBefore = pgpEntries(metadata(file));
            assertEquals(List.of("fp", "created_at", "enc").size(), pgpBefore.size(), pgpBefore.toString());
            assertArrayEquals(ageUnwrap(metadata(file).keyGroups().get(0).get(0).enc(), alice),
                    gpgUnwrap(pgpBefore.get("pgp__list_0__map_enc")), "the fixture's pgp entry holds the data key");
            rule("  - age: " + alice.recipient() + "," + dave.recipient() + "\n    pgp: " + FP + "\n");

            Cli.Run run = as(alice).run("updatekeys", "-y", f.name());

            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("+ " + dave.recipient()) && run.stderr().contains("data key: kept"), run.stderr());
            String after = Files.readString(file);
            onlyAdded(before, after);
            Metadata m = metadata(file);
            assertEquals(pgpBefore, pgpEntries(m));
            WrappedKey daves = m.keyGroups().get(0).stream().filter(k -> k.recipient().equals(dave.recipient()))
                    .findFirst().orElseThrow();
            assertArrayEquals(ageUnwrap(daves.enc(), dave), gpgUnwrap(pgpEntries(m).get("pgp__list_0__map_enc")),
                    "the age CLI and gpg unwrap the same data key");
            Cli.Run get = as(dave).run("get", f.name(), f.key());
            assertEquals("correct horse", get.out(), get.stderr());
            if (f.sopsAgeType() != null) {
                Peers.Result peer = Peers.sopsAge(file, Files.readString(dave.file()).lines()
                        .filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst().orElseThrow(), f.sopsAgeType());
                assertEquals(0, peer.exitCode(), peer.stderr());
                assertTrue(peer.out().contains("correct horse"), peer.out());
            }
            assertEquals(0, as(alice).run("updatekeys", "-y", f.name()).exitCode());
            assertEquals(after, Files.readString(file), "a second run finds it up to date");
        });
    }

    @TestFactory
    Stream<DynamicTest> decrypt_shamirGroupOfOnlyPgp_oneLineNamingTheGroupNoValue() {
        return everyFormat(f -> {
            Path file = build(f, List.of(List.of(alice), List.of(carrier)), 2);
            Cli.Run run = as(alice).run("decrypt", f.name());
            assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), run.stderr());
            assertEquals(0, run.stdout().length);
            String first = run.stderr().lines().findFirst().orElseThrow();
            assertTrue(first.contains("needs 2 of 2 key groups") && first.contains("group 2 has only pgp keys"), run.stderr());
            assertFalse(run.stderr().contains("correct horse"), run.stderr());
            Cli.Run status = as(alice).run("status", f.name());
            assertFalse(status.stderr().contains("correct horse") || status.out().contains("correct horse"));
            assertTrue(status.stderr().contains("group 2 has only pgp keys"), status.stderr());
        });
    }

    @TestFactory
    Stream<DynamicTest> decrypt_singleGroupOfOnlyPgp_namesPgp() {
        return everyFormat(f -> {
            build(f, List.of(List.of(carrier)), 0);
            Cli.Run run = as(alice).run("decrypt", f.name());
            assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("held only by pgp keys"), run.stderr());
            assertFalse(run.stderr().contains("correct horse") || run.out().contains("correct horse"), run.stderr());
        });
    }

    @Test
    void decrypt_sopsWrittenPgpOnlyIniFile_namesPgp() throws Exception {
        Path file = dir.resolve("format.enc.ini");
        Files.copy(Shared.extra("sops-ini").resolve("format.enc.ini"), file);
        Cli.Run run = as(alice).run("decrypt", "format.enc.ini");
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("held only by pgp keys"), run.stderr());
        assertEquals(0, run.stdout().length);
    }

    @TestFactory
    Stream<DynamicTest> updatekeys_shamirAddToOpenedGroup_pgpGroupKeptItsShareStillValid() {
        return everyFormat(f -> {
            Path file = build(f, List.of(List.of(alice), List.of(bob), List.of(carrier)), 2);
            String before = Files.readString(file);
            Map<String, String> pgpBefore = pgpEntries(metadata(file));
            rule(groupsRule(List.of(List.of(alice.recipient(), dave.recipient()), List.of(bob.recipient()), List.of(FP)), 2));

            Cli.Run run = as(alice, bob).run("updatekeys", "-y", f.name());

            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("group 1: + " + dave.recipient()), run.stderr());
            onlyAdded(before, Files.readString(file));
            Metadata m = metadata(file);
            assertEquals(pgpBefore, pgpEntries(m));
            assertEquals(List.of(), m.keyGroups().get(2));
            Cli.Run get = as(dave, bob).run("get", f.name(), f.key());
            assertEquals("correct horse", get.out(), get.stderr());
            // Dave's copy is group 1's share: with the pgp group's share (gpg) it rebuilds the same data key as
            // alice's and bob's shares (the age CLI).
            byte[] daveShare = ageUnwrap(m.keyGroups().get(0).get(1).enc(), dave);
            byte[] pgpShare = gpgUnwrap(pgpEntries(m).get("key_groups__list_2__map_pgp__list_0__map_enc"));
            SecretBytes viaPgp = ShamirSharing.combine(List.of(SecretBytes.adopt(daveShare), SecretBytes.adopt(pgpShare)));
            SecretBytes viaAge = ShamirSharing.combine(List.of(SecretBytes.adopt(ageUnwrap(m.keyGroups().get(0).get(0).enc(),
                    alice)), SecretBytes.adopt(ageUnwrap(m.keyGroups().get(1).get(0).enc(), bob))));
            assertTrue(viaPgp.equalsConstantTime(viaAge));
            assertEquals(32, viaAge.length());
            Cli.Run status = as(alice, bob).run("status", f.name());
            assertTrue(status.out().contains("pgp " + FP + " (key group 3)"), status.out() + status.stderr());
        });
    }

    @TestFactory
    Stream<DynamicTest> updatekeys_ruleDropsPgpGroup_newDataKeySplitForTheAgeGroups() {
        return everyFormat(f -> {
            Path file = build(f, List.of(List.of(alice), List.of(bob), List.of(carrier)), 2);
            rule(groupsRule(List.of(List.of(alice.recipient()), List.of(bob.recipient())), 2));

            Cli.Run run = as(alice, bob).run("updatekeys", "-y", f.name());

            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("group 3: - pgp " + FP) && run.stderr().contains("data key: NEW"), run.stderr());
            Metadata m = metadata(file);
            assertEquals(2, m.keyGroups().size());
            assertEquals(Map.of(), pgpEntries(m));
            assertEquals("correct horse", as(alice, bob).run("get", f.name(), f.key()).out());
        });
    }

    @TestFactory
    Stream<DynamicTest> updatekeys_shamirAddToPgpOnlyGroup_refusedNamingGroupUntouched() {
        return everyFormat(f -> {
            Path file = build(f, List.of(List.of(alice), List.of(bob), List.of(carrier)), 2);
            byte[] before = Files.readAllBytes(file);
            rule(groupsRule(List.of(List.of(alice.recipient()), List.of(bob.recipient()), List.of(dave.recipient(), FP)), 2));

            Cli.Run run = as(alice, bob).run("updatekeys", "-y", f.name());

            assertEquals(ExitCode.UNSUPPORTED.code(), run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("key group 3") && run.stderr().contains("pgp " + FP), run.stderr());
            assertArrayEquals(before, Files.readAllBytes(file));
        });
    }

    @TestFactory
    Stream<DynamicTest> set_shamirWithPgpGroup_onlyValueTimeAndMacLinesChange() {
        return everyFormat(f -> {
            Path file = build(f, List.of(List.of(alice), List.of(carrier), List.of(bob)), 2);
            String before = Files.readString(file);
            Map<String, String> pgpBefore = pgpEntries(metadata(file));
            Thread.sleep(1100);

            Cli.Run run = as(alice, bob).run("set", f.name(), f.key(), "battery staple");

            assertEquals(0, run.exitCode(), run.stderr());
            List<String> changed = removedLines(before, Files.readString(file));
            assertTrue(changed.stream().allMatch(l -> l.contains("ENC[") || l.contains("lastmodified")), changed.toString());
            assertEquals(pgpBefore, pgpEntries(metadata(file)));
            assertEquals("battery staple", as(alice, bob).run("get", f.name(), f.key()).out());
        });
    }

    @Test
    void updatekeys_shamirGroupNoIdentityOpens_refusedNoMatchingIdentity() throws Exception {
        Format f = Format.of("dotenv");
        Path file = build(f, List.of(List.of(alice), List.of(bob), List.of(carol), List.of(carrier)), 2);
        byte[] before = Files.readAllBytes(file);
        rule(groupsRule(List.of(List.of(alice.recipient()), List.of(bob.recipient()),
                List.of(carol.recipient(), dave.recipient()), List.of(FP)), 2));

        Cli.Run run = as(alice, bob).run("updatekeys", "-y", f.name());

        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("key group 3") && run.stderr().contains(carol.recipient()), run.stderr());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void encrypt_ruleWithPgp_refusedNamingIt() throws Exception {
        rule("  - age: " + alice.recipient() + "\n    pgp: " + FP + "\n");
        Files.writeString(dir.resolve("plain.env"), "A=1\n");
        Cli.Run run = new Cli(dir).run("encrypt", "plain.env", "-o", "out.env");
        assertEquals(ExitCode.UNSUPPORTED.code(), run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("pgp " + FP), run.stderr());
        assertFalse(Files.exists(dir.resolve("out.env")));
    }

    /** The sops 3.13.3 file of sops-nix: an ssh-ed25519 age recipient and two pgp keys, written by sops. */
    private static final String NIX = "sops/yaml-sops-nix-3.13.3-ssh-ed25519-recipient";
    private static final String SSH = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBI1+Q+ntzANebtnicCiAY29uqLGWOaOGLEa8bUqOVmS";
    private static final String NIX_PGP = "7FB89715AADA920D65D25E63F9BA9DEBD03F57C0,2504791468B153B8A3963CC97BA53D1919C5DFD4";

    private Path sopsNixFile() throws Exception {
        Path file = dir.resolve("nix.yaml");
        Files.copy(Shared.vectors(NIX).resolve("secrets-native-ssh.yaml"), file);
        return file;
    }

    @Test
    void updatekeys_sopsWrittenFileWithTwoPgpKeys_ageAddedPgpBlocksKeptByteForByte() throws Exception {
        Path file = sopsNixFile();
        String before = Files.readString(file);
        String ssh = Shared.vectors(NIX).resolve("ssh-ed25519-key").toString();
        rule("  - age: " + SSH + "," + dave.recipient() + "\n    pgp: " + NIX_PGP + "\n");

        Cli.Run run = new Cli(dir).run("updatekeys", "-y", "--identity", ssh, "nix.yaml");

        assertEquals(0, run.exitCode(), run.stderr());
        String after = Files.readString(file);
        onlyAdded(before, after);
        String pgpBlock = before.substring(before.indexOf("    pgp:\n"), before.indexOf("    unencrypted_suffix:"));
        assertTrue(after.contains(pgpBlock), after);
        Metadata m = metadata(file);
        byte[] viaSsh = ageUnwrap(m.keyGroups().get(0).get(0).enc(), new Keys(Path.of(ssh), SSH));
        assertArrayEquals(viaSsh, ageUnwrap(m.keyGroups().get(0).get(1).enc(), dave), "the same data key for dave");
        assertEquals("test_value", as(dave).run("get", "nix.yaml", "test_key").out());
    }

    @Test
    void updatekeys_sopsWrittenFileRuleDropsOnePgpKey_refusedThenDroppedWithKeepDataKey() throws Exception {
        Path file = sopsNixFile();
        String before = Files.readString(file);
        String ssh = Shared.vectors(NIX).resolve("ssh-ed25519-key").toString();
        String second = NIX_PGP.substring(NIX_PGP.indexOf(',') + 1);
        rule("  - age: " + SSH + "\n    pgp: " + second + "\n");

        Cli.Run refused = new Cli(dir).run("updatekeys", "-y", "--identity", ssh, "nix.yaml");
        assertEquals(ExitCode.UNSUPPORTED.code(), refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().contains("removing pgp 7FB89715AADA920D65D25E63F9BA9DEBD03F57C0")
                && refused.stderr().contains("--keep-data-key"), refused.stderr());
        assertEquals(before, Files.readString(file));

        Cli.Run run = new Cli(dir).run("updatekeys", "-y", "--keep-data-key", "--identity", ssh, "nix.yaml");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("- pgp 7FB89715AADA920D65D25E63F9BA9DEBD03F57C0"), run.stderr());
        String after = Files.readString(file);
        // The second key moves up to the first place, its entry unchanged; everything else is as sops wrote it.
        String secondBlock = before.substring(before.lastIndexOf("        - created_at:"), before.indexOf("    unencrypted_suffix:"));
        assertTrue(after.contains("    pgp:\n" + secondBlock), after);
        assertFalse(after.contains("7FB89715AADA920D65D25E63F9BA9DEBD03F57C0"), after);
        assertTrue(removedLines(after, before).isEmpty(), "nothing was added");
        assertEquals("test_value", new Cli(dir).run("get", "--identity", ssh, "nix.yaml", "test_key").out());
    }

    @Test
    void doctor_shamirFileWithPgpGroup_driftCountsPgpAndNamesTheMissingGroup() throws Exception {
        Path file = build(Format.of("dotenv"), List.of(List.of(alice), List.of(carrier)), 2);
        HistoryRepo repo = HistoryRepo.init(dir.resolve("repo"));
        Files.copy(file, repo.root().resolve("app.env.enc"));
        repo.write(".sops.yaml", "creation_rules:\n" + groupsRule(List.of(List.of(alice.recipient()), List.of(FP)), 2));
        repo.commitAll("a file with a pgp-only key group");
        Cli cli = new Cli(repo.root()).env("SOPS_AGE_KEY_FILE", alice.file().toString());

        Cli.Run run = cli.run("doctor");

        assertFalse(run.out().contains("encrypted.recipients-drift"), run.out());
        String row = run.out().lines().filter(l -> l.startsWith("encrypted.not-verified")).findFirst().orElseThrow();
        assertTrue(row.contains("group 2 has only pgp keys"), row);

        repo.write(".sops.yaml", "creation_rules:\n" + groupsRule(List.of(List.of(alice.recipient()), List.of(bob.recipient())), 2));
        Cli.Run drift = cli.run("doctor");
        assertTrue(drift.out().lines().anyMatch(l -> l.startsWith("encrypted.recipients-drift") && l.contains("- pgp " + FP)
                && l.contains("+ " + bob.recipient())), drift.out());
    }
}
