package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The textconv driver on YAML and JSON files with real git: {@code git log -p} over ten changes shows exactly the
 * decrypted line changes; with no identity it completes with paths and {@code <encrypted>}; {@code --mask}
 * fingerprints; {@code setup --check} on the nested files.
 */
class GitNestedDiffTest {
    private static final String YAML = "config.yaml";
    private static final String JSON = "config.json";
    private static final String COUNTER = "[\"db\"][\"counter\"]";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("plain.yaml", "# database\ndb:\n    host: db.local\n    password: old-pass\n", YAML);
        repo.encrypt("plain.json", "{\"db\": {\"host\": \"db.local\"}}", JSON);
        repo.ok("add", "-A");
        repo.setupDrivers();
        repo.commitAll("base");
    }

    @Test
    void logP_yamlTenChanges_showsExactlyTheDecryptedLineChanges() throws Exception {
        for (int i = 1; i <= 10; i++) {
            repo.set(YAML, COUNTER, "value-" + i);
            repo.commitAll("change " + i);
        }

        String log = repo.ok("log", "-p", "--format=commit %s", "--", YAML);

        StringBuilder expected = new StringBuilder();
        for (int i = 10; i >= 2; i--) {
            expected.append("-    counter: value-").append(i - 1).append('\n')
                    .append("+    counter: value-").append(i).append('\n');
        }
        expected.append("+    counter: value-1\n+# database\n+db:\n+    host: db.local\n+    password: old-pass\n");
        assertEquals(expected.toString(), changes(log));
        assertEquals(11, log.lines().filter(l -> l.startsWith("commit ")).count(), log);
        assertFalse(log.contains("ENC[") || log.contains("sops") || log.contains("lastmodified"), log);
    }

    @Test
    void logP_jsonChanges_showsTheDecryptedLinesInJson() throws Exception {
        repo.set(JSON, COUNTER, "value-1");
        repo.commitAll("change 1");
        repo.set(JSON, COUNTER, "value-2");
        repo.commitAll("change 2");

        String log = repo.ok("log", "-p", "--format=commit %s", "-1", "--", JSON);

        assertEquals("-\t\t\"counter\": \"value-1\"\n+\t\t\"counter\": \"value-2\"\n", changes(log));
    }

    @Test
    void logP_noIdentity_completesWithPathsEncryptedAndANote() throws Exception {
        repo.set(YAML, COUNTER, "c-1");
        repo.commitAll("counter");
        repo.set(YAML, COUNTER, "c-2");
        repo.commitAll("counter again");
        repo.set(JSON, COUNTER, "c-1");
        repo.commitAll("json counter");
        repo.env("SOPS_AGE_KEY_FILE", null);

        String log = repo.ok("log", "-p");

        List<String> counter = log.lines()
                .filter(l -> l.matches("[+-]    counter: <encrypted> \\(ciphertext [0-9a-f]{8}\\)")).toList();
        assertEquals(3, counter.size(), "added, then changed (- and +): " + log);
        assertEquals(counter.get(0).substring(1), counter.get(2).substring(1), "the removed line is the first one");
        assertNotEquals(counter.get(0).substring(1), counter.get(1).substring(1), "a changed value shows");
        assertTrue(log.lines().anyMatch(l -> l.matches("\\+\t\t\"counter\": \"<encrypted> \\(ciphertext [0-9a-f]{8}\\)\",?")),
                log);
        assertTrue(log.contains("+# secrets: no identity can decrypt this file; values are shown as <encrypted>"), log);
        assertTrue(log.contains("+# <encrypted> comment\n"), "an encrypted comment is hidden too: " + log);
        assertFalse(log.contains("c-1") || log.contains("c-2") || log.contains("old-pass") || log.contains("ENC["), log);
    }

    @Test
    void diff_maskOnYaml_fingerprintsKeyedByPathAndValue() throws Exception {
        repo.set(YAML, "[\"api\"][\"token\"]", "same-value");
        repo.set(YAML, "[\"api\"][\"other\"]", "same-value");
        repo.commitAll("api");
        Cli.Run first = repo.cli().run("git", "diff", "--mask", YAML);
        repo.set(YAML, "[\"api\"][\"other\"]", "changed-value");
        Cli.Run second = repo.cli().run("git", "diff", "--mask", YAML);

        assertEquals(0, first.exitCode(), first.stderr());
        assertFalse(first.out().contains("-value") || first.out().contains("db.local")
                || first.out().contains("old-pass"), first.out());
        assertTrue(first.out().startsWith("# database\ndb:\n    host: '[mask:"), first.out());
        assertEquals(mask(first.out(), "token"), mask(second.out(), "token"), "an unchanged value keeps its print");
        assertNotEquals(mask(first.out(), "other"), mask(second.out(), "other"), "a changed value gets another one");
        assertNotEquals(mask(first.out(), "token"), mask(first.out(), "other"), "the path is part of the print");
        String masked = repo.env("SECRETS_DIFF_MASK", "1").ok("diff", YAML);
        assertTrue(masked.contains("-    other: '[mask:" + mask(first.out(), "other") + "]'")
                && masked.contains("+    other: '[mask:"), masked);
        assertFalse(masked.contains("-value"), masked);
    }

    @Test
    void setupCheck_newNestedFileOutsideThePatterns_reportedThenCovered() throws Exception {
        assertEquals(0, repo.cli().run("git", "setup", "--check").exitCode(), "the committed files are covered");
        java.nio.file.Files.createDirectories(repo.dir().resolve("deploy"));
        repo.encrypt("plain.yaml", "a: 1\n", "deploy/values.yaml");
        repo.commitAll("values");

        Cli.Run check = repo.cli().run("git", "setup", "--check");

        assertEquals(ExitCode.GIT_SETUP_INCOMPLETE.code(), check.exitCode(), check.stderr());
        assertTrue(check.stderr().contains("not covered: [deploy/values.yaml]"), check.stderr());
        repo.setupDrivers();
        assertEquals(0, repo.cli().run("git", "setup", "--check").exitCode());
        assertTrue(repo.ok("check-attr", "diff", "--", "deploy/values.yaml").strip().endsWith("diff: secrets"));
    }

    @Test
    void diff_binaryFile_showsTheDecryptedContentOrItsCiphertextPrint() throws Exception {
        binary("line one\nline two\n");
        repo.ok("add", "-A");
        repo.setupDrivers();
        repo.commitAll("binary");
        binary("line one\nline 2\n");

        String diff = repo.ok("diff", "--", "blob.bin");

        assertEquals("-line two\n+line 2\n", changes(diff));
        assertFalse(diff.contains("sops") || diff.contains("ENC["), diff);
        repo.env("SOPS_AGE_KEY_FILE", null);
        String hidden = repo.ok("diff", "--", "blob.bin");
        assertTrue(hidden.lines().anyMatch(l -> l.matches("-<encrypted> \\(ciphertext [0-9a-f]{8}\\)")), hidden);
        assertTrue(hidden.lines().anyMatch(l -> l.matches("\\+<encrypted> \\(ciphertext [0-9a-f]{8}\\)")), hidden);
        assertFalse(hidden.contains("line"), hidden);
    }

    private void binary(String content) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("blob"), content);
        Cli.Run run = repo.cli().run("encrypt", "--input-type", "binary", "--age", repo.keys().recipient(),
                tmp.resolve("blob").toString(), "-o", "blob.bin");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    /** The changed lines of a patch, without the file headers. */
    private static String changes(String log) {
        return String.join("\n", log.lines().filter(l -> (l.startsWith("+") || l.startsWith("-"))
                && !l.startsWith("+++") && !l.startsWith("---")).toList()) + "\n";
    }

    private static String mask(String text, String key) {
        Matcher m = Pattern.compile("(?m)^    " + key + ": '\\[mask:([0-9a-f]{8})]'$").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
