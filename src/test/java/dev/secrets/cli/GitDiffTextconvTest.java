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

/** The textconv driver with real git: decrypted {@code git log -p}, with and without an identity, and --mask. */
class GitDiffTextconvTest {
    private static final String FILE = "app.env.enc";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("app.env", "# settings\nHOST=db.local\n", FILE);
        repo.setupDrivers();
        repo.commitAll("base");
    }

    @Test
    void logP_tenChanges_showsExactlyTheDecryptedLineChanges() throws Exception {
        for (int i = 1; i <= 10; i++) {
            repo.set(FILE, "COUNTER", "value-" + i);
            repo.commitAll("change " + i);
        }

        String log = repo.ok("log", "-p", "--format=commit %s", "--", FILE);

        List<String> changes = log.lines().filter(l -> (l.startsWith("+") || l.startsWith("-"))
                && !l.startsWith("+++") && !l.startsWith("---")).toList();
        StringBuilder expected = new StringBuilder();
        for (int i = 10; i >= 2; i--) {
            expected.append("-COUNTER=value-").append(i - 1).append('\n').append("+COUNTER=value-").append(i)
                    .append('\n');
        }
        expected.append("+COUNTER=value-1\n+# settings\n+HOST=db.local\n");
        assertEquals(expected.toString(), String.join("\n", changes) + "\n");
        assertFalse(log.contains("ENC["), "no ciphertext");
        assertFalse(log.contains("sops_"), "no metadata lines");
    }

    @Test
    void logP_noIdentity_completesWithKeyNamesAndANote() throws Exception {
        repo.set(FILE, "TOKEN", "t-1");
        repo.commitAll("token");
        repo.set(FILE, "TOKEN", "t-2");
        repo.commitAll("token again");
        repo.env("SOPS_AGE_KEY_FILE", null);

        String log = repo.ok("log", "-p", "--", FILE);

        List<String> tokenLines = log.lines()
                .filter(l -> l.matches("[+-]TOKEN=<encrypted> \\(ciphertext [0-9a-f]{8}\\)")).toList();
        assertEquals(3, tokenLines.size(), "added, then changed (- and +): " + log);
        assertEquals(tokenLines.get(0).substring(1), tokenLines.get(2).substring(1),
                "the removed line is the first one");
        assertNotEquals(tokenLines.get(0).substring(1), tokenLines.get(1).substring(1), "a changed value shows");
        assertTrue(log.contains("# secrets: no identity can decrypt this file"), log);
        assertFalse(log.contains("t-1") || log.contains("t-2") || log.contains("ENC["), log);
    }

    @Test
    void diff_mask_showsKeyedFingerprintsNotValues() throws Exception {
        repo.set(FILE, "A", "same-value");
        repo.set(FILE, "B", "same-value");
        Cli.Run first = repo.cli().run("git", "diff", "--mask", FILE);
        repo.set(FILE, "B", "other-value");
        Cli.Run second = repo.cli().run("git", "diff", "--mask", FILE);

        assertEquals(0, first.exitCode(), first.stderr());
        assertFalse(first.out().contains("value") || first.out().contains("db.local"), first.out());
        assertEquals(mask(first.out(), "A"), mask(second.out(), "A"), "an unchanged value keeps its fingerprint");
        assertNotEquals(mask(first.out(), "B"), mask(second.out(), "B"), "a changed value gets another one");
        assertNotEquals(mask(first.out(), "A"), mask(first.out(), "B"), "the key name is part of the fingerprint");
        assertTrue(first.out().startsWith("# settings\nHOST=[mask:"), first.out());
        Cli.Run byEnvironment = repo.cli().env("SECRETS_DIFF_MASK", "1").run("git", "diff", FILE);
        assertEquals(second.out(), byEnvironment.out());
    }

    private static String mask(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=\\[mask:([0-9a-f]{8})]$").matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
