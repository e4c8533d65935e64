package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code doctor}, {@code revoke-report} and {@code scan-history} on YAML, JSON, INI and binary files in real git
 * repositories: they find those files, read their recipients, open them and walk their nested values by path, as
 * they do for dotenv files.
 */
class AuditEveryStoreTest {
    /** A value of a key that does not look like a credential (found only with {@code --all-keys}). */
    private static final String PLAIN_LONG = "Zq8Lw3Nv6Rt1Yp4Kd7Mf2Hs9";
    private static final String STRONG = AuditFixture.STRONG;

    @TempDir
    Path dir;

    /** The plaintext of each file, with one credential ({@code password} / {@code token}) and one other value. */
    private static String plain(String file) {
        return switch (file) {
            case "values.yaml" -> "db:\n  host: " + PLAIN_LONG + "\n  password: " + STRONG + "\nport: 8080\n";
            case "config.json" -> "{\n  \"api\": {\n    \"url\": \"" + PLAIN_LONG + "\",\n    \"token\": \"" + STRONG
                    + "\"\n  }\n}\n";
            case "app.ini" -> "[db]\nhost = " + PLAIN_LONG + "\npassword = " + STRONG + "\n";
            case "tls.key" -> PLAIN_LONG + "\n";
            default -> throw new IllegalArgumentException(file);
        };
    }

    /** The key the audits name the credential of {@code file} by. */
    private static String credential(String file) {
        return switch (file) {
            case "values.yaml", "app.ini" -> "[\"db\"][\"password\"]";
            case "config.json" -> "[\"api\"][\"token\"]";
            default -> throw new IllegalArgumentException(file);
        };
    }

    /** A {@code .sops.yaml} giving the four files to {@code recipients}. */
    private static void rule(AuditFixture f, Keys... recipients) throws Exception {
        f.repo.write(".sops.yaml", "# alice: " + f.alice.recipient() + "\n# bob: " + f.bob.recipient() + "\n"
                + "creation_rules:\n  - path_regex: (values\\.yaml|config\\.json|app\\.ini|tls\\.key)$\n    age: "
                + list(recipients) + "\n");
    }

    private static String list(Keys... recipients) {
        List<String> all = new ArrayList<>();
        for (Keys k : recipients) {
            all.add(k.recipient());
        }
        return String.join(",", all);
    }

    /** Encrypts {@link #plain} of {@code file} (binary for {@code tls.key}) into the repository. */
    private static void encrypt(AuditFixture f, String file, Keys... recipients) throws Exception {
        String suffix = file.substring(file.lastIndexOf('.'));
        Path plainFile = Files.createTempFile(f.repo.root().getParent(), "plain", suffix);
        Files.writeString(plainFile, plain(file));
        List<String> args = new ArrayList<>(List.of("encrypt", "--age", list(recipients)));
        if (file.equals("tls.key")) {
            args.addAll(List.of("--input-type", "binary"));
        }
        args.addAll(List.of(plainFile.toString(), "-o", f.repo.root().resolve(file).toString()));
        Cli.Run run = f.cli().run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.stderr());
        Files.delete(plainFile);
    }

    private static List<String> lines(String out, String check) {
        return out.lines().filter(l -> l.startsWith(check)).toList();
    }

    private static void noValueShown(Cli.Run run) {
        for (String value : List.of(STRONG, PLAIN_LONG)) {
            assertFalse(run.out().contains(value) || run.stderr().contains(value), "a value was printed");
        }
    }

    @Test
    void doctor_recipientDriftInEveryStore_reportedForEachFile() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        for (String file : List.of("values.yaml", "config.json", "app.ini", "tls.key")) {
            encrypt(f, file, f.alice, f.bob);
        }
        f.repo.commitAll("bob still has them");

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        List<String> drift = lines(run.out(), "encrypted.recipients-drift");
        assertEquals(4, drift.size(), run.out());
        for (String file : List.of("values.yaml", "config.json", "app.ini", "tls.key")) {
            assertTrue(drift.stream().anyMatch(l -> l.contains(file) && l.contains("(bob)")
                    && l.contains("secrets updatekeys " + file)), file + ": " + run.out());
        }
        assertTrue(lines(run.out(), "encrypted.parse").isEmpty(), run.out());
        assertTrue(lines(run.out(), "encrypted.no-rule").isEmpty(), run.out());
        noValueShown(run);
    }

    @Test
    void doctor_filesMatchTheirRule_noEncryptedFinding() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        for (String file : List.of("values.yaml", "config.json", "app.ini", "tls.key")) {
            encrypt(f, file, f.alice);
        }
        f.repo.commitAll("encrypted");

        Cli.Run run = f.cli().run("doctor", "--json");
        assertFalse(run.out().contains("\"encrypted."), run.out());
        assertFalse(run.out().contains("git.plaintext"), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "config.json", "app.ini", "tls.key"})
    void doctor_committedFileWithBrokenMac_reportsEncryptedMac(String file) throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        encrypt(f, file, f.alice);
        Path path = f.repo.root().resolve(file);
        String text = Files.readString(path);
        // lastmodified is covered by the MAC: another year makes the stored MAC wrong, every value intact.
        String tampered = text.replaceFirst("(lastmodified\"?\\s*[:=]\\s*\"?)20", "$119");
        assertFalse(tampered.equals(text), text);
        Files.writeString(path, tampered);
        f.repo.commitAll("tampered");

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        List<String> mac = lines(run.out(), "encrypted.mac");
        assertEquals(1, mac.size(), run.out());
        assertTrue(mac.get(0).contains(file) && mac.get(0).contains("git checkout -- " + file), mac.get(0));
        noValueShown(run);
    }

    @Test
    void doctor_yamlWithGitConflictMarkers_reported() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        encrypt(f, "values.yaml", f.alice);
        f.repo.commitAll("encrypted");
        Path path = f.repo.root().resolve("values.yaml");
        String text = Files.readString(path);
        String port = text.lines().filter(l -> l.startsWith("port:")).findFirst().orElseThrow();
        Files.writeString(path, text.replace(port + "\n", "<<<<<<< HEAD\n" + port + "\n=======\n"
                + port.replace("ENC[", "ENC[x") + "\n>>>>>>> theirs\n"));

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        List<String> parse = lines(run.out(), "encrypted.parse");
        assertTrue(parse.stream().anyMatch(l -> l.contains("values.yaml") && l.contains("conflict")), run.out());
        noValueShown(run);
    }

    @Test
    void doctor_yamlRecipientAddedOutsideRuleAndHead_flaggedUntrusted() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        encrypt(f, "values.yaml", f.alice);
        f.repo.commitAll("encrypted");
        Keys mallory = Keys.create(dir.resolve("mallory.txt"));
        Files.delete(f.repo.root().resolve("values.yaml"));
        encrypt(f, "values.yaml", f.alice, mallory);

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        List<String> untrusted = lines(run.out(), "encrypted.untrusted-recipient");
        assertEquals(1, untrusted.size(), run.out());
        assertTrue(untrusted.get(0).contains("values.yaml") && untrusted.get(0).contains(mallory.recipient()),
                untrusted.get(0));
        assertFalse(untrusted.get(0).contains(f.alice.recipient()), untrusted.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "config.json", "app.ini"})
    void revokeReport_recipientCouldReadNestedFile_listsItsCredentialByPath(String file) throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice, f.bob);
        encrypt(f, file, f.alice, f.bob);
        f.repo.commitAll("bob can read it");

        Cli.Run named = f.cli().run("revoke-report", f.bob.recipient(), "--file", file, "--keys-only");
        assertEquals(ExitCode.CHECKS_FAILED.code(), named.exitCode(), named.out() + named.stderr());
        assertEquals(credential(file) + "\n", named.out(), named.stderr());
        assertFalse(named.stderr().contains("dotenv"), named.stderr());

        Cli.Run all = f.cli().run("revoke-report", "bob");
        assertEquals(ExitCode.CHECKS_FAILED.code(), all.exitCode(), all.out() + all.stderr());
        assertTrue(all.out().contains(file) && all.out().contains(credential(file)), all.out());
        noValueShown(all);

        // The listed paths are what set takes: once replaced, nothing bob read is current.
        Cli.Run set = f.cli().run("set", file, named.out().strip(), "--generate");
        assertEquals(0, set.exitCode(), set.stderr());
        Cli.Run after = f.cli().run("revoke-report", "bob", "--file", file, "--keys-only");
        assertEquals("", after.out(), after.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "config.json", "app.ini", "tls.key"})
    void scanHistory_allKeys_findsLeakedValueOfNestedFile(String file) throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        encrypt(f, file, f.alice);
        f.repo.write("notes.txt", "host is " + PLAIN_LONG + "\n");
        String leak = f.repo.commitAll("leak");

        Cli.Run credentials = f.cli().run("scan-history");
        assertFalse(credentials.out().contains("notes.txt"), "not a credential: " + credentials.out());

        Cli.Run run = f.cli().run("scan-history", "--all-keys");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        String key = switch (file) {
            case "values.yaml", "app.ini" -> "[\"db\"][\"host\"]";
            case "config.json" -> "[\"api\"][\"url\"]";
            default -> "data";
        };
        assertEquals(List.of(leak.substring(0, 12) + "  notes.txt  " + file + ":" + key + "  CURRENT"),
                run.out().lines().toList(), run.stderr());
        noValueShown(run);
    }

    @Test
    void scanHistory_nestedCredential_foundWithoutAllKeys() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        encrypt(f, "values.yaml", f.alice);
        f.repo.write("deploy.sh", "export DB_PASSWORD=" + STRONG + "\n");
        String leak = f.repo.commitAll("leak");

        Cli.Run run = f.cli().run("scan-history");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        assertEquals(List.of(leak.substring(0, 12) + "  deploy.sh  values.yaml:[\"db\"][\"password\"]  CURRENT"),
                run.out().lines().toList(), run.stderr());
        noValueShown(run);
    }

    @Test
    void doctor_weakAndReusedNestedValues_reportedByPath() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        Path plainFile = Files.createTempFile(f.repo.root().getParent(), "plain", ".yaml");
        Files.writeString(plainFile, "db:\n  password: changeme\n  host: db\napi:\n  token: " + STRONG
                + "\njwt:\n  secret: " + STRONG + "\n");
        Cli.Run enc = f.cli().run("encrypt", "--age", f.alice.recipient(), plainFile.toString(), "-o",
                f.repo.root().resolve("values.yaml").toString());
        assertEquals(0, enc.exitCode(), enc.stderr());
        Files.delete(plainFile);
        f.repo.commitAll("weak");

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        List<String> weak = lines(run.out(), "values.weak");
        assertEquals(1, weak.size(), run.out());
        assertTrue(weak.get(0).contains("values.yaml:[\"db\"][\"password\"]"), weak.get(0));
        List<String> reused = lines(run.out(), "values.reused");
        assertEquals(1, reused.size(), run.out());
        assertTrue(reused.get(0).contains("values.yaml:[\"api\"][\"token\"], values.yaml:[\"jwt\"][\"secret\"]"),
                reused.get(0));
        assertEquals(1, lines(run.out(), "playbook.missing").size(), run.out());
        assertFalse(run.out().contains("changeme") || run.out().contains(STRONG), "a value was printed");
    }

    @Test
    void doctor_nestedCredentialOlderThanItsMaxAge_reportedOverdueByPath() throws Exception {
        AuditFixture f = AuditFixture.in(dir);
        rule(f, f.alice);
        encrypt(f, "values.yaml", f.alice);
        f.repo.write("secrets-playbook.yaml", "version: 1\ncredentials:\n  - key: '[\"db\"][\"password\"]'\n"
                + "    max_age: 30d\n");
        f.repo.commitAll("old password", "2020-01-01T00:00:00Z");

        Cli.Run run = f.cli().run("doctor");
        assertEquals(ExitCode.CHECKS_FAILED.code(), run.exitCode(), run.out() + run.stderr());
        List<String> overdue = lines(run.out(), "rotation.overdue");
        assertEquals(1, overdue.size(), run.out());
        assertTrue(overdue.get(0).contains("values.yaml:[\"db\"][\"password\"]"), overdue.get(0));
        assertTrue(lines(run.out(), "playbook.uncovered").isEmpty(), run.out());
        noValueShown(run);
    }
}
