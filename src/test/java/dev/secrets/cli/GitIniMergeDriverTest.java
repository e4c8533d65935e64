package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.GitRepo;
import dev.secrets.testsupport.SecretsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge driver and textconv on INI files with real git: per-key merges, a conflict left as
 * {@code KEY.secrets-conflict-ours}/{@code -theirs} keys that every command refuses and {@code edit} resolves, a
 * section deleted against a change, a data-key rotation against a value change, and decrypted diffs.
 */
class GitIniMergeDriverTest {
    private static final String INI = "config.ini";
    private static final String PLAIN = "; database\n[db]\nhost = db.local\npassword = old-pass\n\n[api]\ntoken = tok-1\n";
    private static final String PASSWORD = "[\"db\"][\"password\"]";

    @TempDir Path tmp;
    private GitRepo repo;

    @BeforeEach
    void repository() throws Exception {
        repo = GitRepo.create(tmp);
        repo.encrypt("plain.ini", PLAIN, INI);
        repo.ok("add", "-A");
        repo.setupDrivers();
        repo.commitAll("base");
    }

    @Test
    void setup_trackedIniFile_getsTheDrivers() throws Exception {
        String attributes = repo.ok("check-attr", "merge", "diff", "--", INI);
        assertEquals(2, attributes.lines().filter(l -> l.endsWith(": secrets")).count(), attributes);
    }

    @Test
    void diffAndLog_iniValueChanged_showDecryptedLinesWithoutMetadata() throws Exception {
        repo.set(INI, PASSWORD, "new-pass");

        String diff = repo.ok("diff");
        assertTrue(diff.contains("\n-password = old-pass\n+password = new-pass\n"), diff);
        assertFalse(diff.contains("sops") || diff.contains("mac") || diff.contains("ENC["), diff);
        repo.commitAll("new password");
        repo.set(INI, "[\"api\"][\"token\"]", "tok-2");
        repo.commitAll("new token");
        String log = repo.ok("log", "-p", "--format=commit %s");
        assertTrue(log.contains("commit new token\n") && log.contains("\n-token = tok-1\n+token = tok-2\n"), log);
        assertTrue(log.contains("commit new password\n") && log.contains("\n-password = old-pass\n+password = new-pass\n"),
                log);
        assertFalse(log.contains("lastmodified") || log.contains("ENC["), log);
        repo.env("SOPS_AGE_KEY_FILE", tmp.resolve("missing.txt").toString());
        String hidden = repo.ok("log", "-p", "-1", "-U20");
        assertTrue(hidden.contains("no identity can decrypt this file")
                && hidden.contains("\n+token = <encrypted> (ciphertext "), hidden);
        assertFalse(hidden.contains("tok-"), hidden);
    }

    @Test
    void merge_differentKeysOnTwoBranches_mergesCleanlyKeepingUnchangedCiphertexts() throws Exception {
        String base = repo.read(INI);
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            repo.set(INI, "[\"db\"][\"user\"]", "admin");
            repo.set(INI, "[\"smtp\"][\"password\"]", "mail-pass");
        }, () -> repo.set(INI, PASSWORD, "new-pass"));

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        assertEquals("", repo.ok("status", "--porcelain"));
        assertEquals("; database\n[db]\nhost     = db.local\npassword = new-pass\nuser     = admin\n\n[api]\n"
                + "token = tok-1\n\n[smtp]\npassword = mail-pass\n", decrypt());
        for (String prefix : List.of("; ENC[", "host ", "token ")) {
            assertEquals(value(base, prefix), value(repo.read(INI), prefix), prefix + " keeps its ciphertext");
        }
        assertNotEquals(line(base, "mac "), line(repo.read(INI), "mac "));
    }

    @Test
    void merge_sameKeyChangedDifferently_conflictPerKeyResolvedWithEdit() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            repo.set(INI, PASSWORD, "their-pass");
            repo.set(INI, "[\"api\"][\"token\"]", "tok-2");
        }, () -> repo.set(INI, PASSWORD, "our-pass"));

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("merge conflict in [config.ini] on keys [" + PASSWORD + "]"), merge.stderr());
        assertFalse((merge.stderr() + merge.out()).contains("-pass"), "no value in git's output");
        String merged = repo.read(INI);
        assertFalse(merged.contains("<<<<<<<") || merged.contains("our-pass"), merged);
        assertTrue(merged.contains("\npassword.secrets-conflict-ours   = ENC[")
                && merged.contains("\npassword.secrets-conflict-theirs = ENC["), merged);
        for (String[] command : new String[][] {{"get", INI, "[\"api\"][\"token\"]"}, {"decrypt", INI},
            {"set", INI, "[\"api\"][\"url\"]", "u"}, {"render", INI}}) {
            Cli.Run run = repo.cli().run(command);
            assertEquals(ExitCode.MERGE_CONFLICT.code(), run.exitCode(), String.join(" ", command) + run.stderr());
            assertTrue(run.stderr().contains("unresolved merge conflict on keys [" + PASSWORD + "]")
                    && run.stderr().contains("KEY.secrets-conflict-ours"), run.stderr());
            assertEquals("", run.out());
        }

        Cli.Run leftMarked = repo.cli().env("EDITOR", editor("host.sh", "s/host(\\s*)= db.local/host$1= db2/"))
                .run("edit", INI);
        assertEquals(ExitCode.EDIT_REJECTED.code(), leftMarked.exitCode(), leftMarked.stderr());
        assertTrue(leftMarked.stderr().contains("still has merge conflict marks on keys [" + PASSWORD + "]"),
                leftMarked.stderr());
        assertEquals(merged, repo.read(INI), "the file is kept");

        Cli.Run edit = repo.cli().env("EDITOR", editor("keep-theirs.sh", "s/password\\.secrets-conflict-ours\\s*= .*\\n//;"
                + " s/password\\.secrets-conflict-theirs\\s*=/password =/")).run("edit", INI);
        assertEquals(0, edit.exitCode(), edit.stderr());
        assertEquals("; database\n[db]\nhost     = db.local\npassword = their-pass\n\n[api]\ntoken = tok-2\n", decrypt());
        repo.ok("add", INI);
        repo.ok("commit", "-q", "--no-edit");
        assertEquals("", repo.ok("status", "--porcelain"));
    }

    @Test
    void merge_sectionDeletedAgainstAChange_conflictSectionsResolvedWithEdit() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> {
            Cli.Run unset = repo.cli().run("unset", INI, "[\"api\"]");
            assertEquals(0, unset.exitCode(), unset.stderr());
        }, () -> repo.set(INI, "[\"api\"][\"token\"]", "tok-2"));

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("merge conflict in [config.ini] on keys [api]"), merge.stderr());
        String merged = repo.read(INI);
        assertTrue(merged.contains("\n[api.secrets-conflict-ours]\ntoken = ENC[")
                && merged.contains("\n[api.secrets-conflict-theirs-deleted]\n"), merged);
        Cli.Run get = repo.cli().run("get", INI, PASSWORD);
        assertEquals(ExitCode.MERGE_CONFLICT.code(), get.exitCode(), get.stderr());

        Cli.Run edit = repo.cli().env("EDITOR", editor("keep-ours.sh", "s/\\[api\\.secrets-conflict-theirs-deleted\\]\\n//;"
                + " s/\\[api\\.secrets-conflict-ours\\]/[api]/")).run("edit", INI);
        assertEquals(0, edit.exitCode(), edit.stderr());
        assertEquals("tok-2", repo.cli().run("get", INI, "[\"api\"][\"token\"]").out());
        repo.ok("add", INI);
        repo.ok("commit", "-q", "--no-edit");
    }

    @Test
    void merge_ruleWouldLeaveMarkedValueInClear_refusedKeepingOurs() throws Exception {
        Files.writeString(repo.dir().resolve("plain.ini"), "[api]\ntoken_secret = tok-1\nhost = h\n");
        Cli.Run encrypt = repo.cli().run("encrypt", "--age", repo.keys().recipient(), "--encrypted-suffix", "_secret",
                "plain.ini", "-o", "suffix.ini");
        assertEquals(0, encrypt.exitCode(), encrypt.stderr());
        Files.delete(repo.dir().resolve("plain.ini"));
        repo.ok("add", "-A");
        repo.setupDrivers();
        repo.commitAll("suffix rule");
        String token = "[\"api\"][\"token_secret\"]";
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> repo.set("suffix.ini", token, "their-tok"),
                () -> repo.set("suffix.ini", token, "our-tok"));

        assertNotEquals(0, merge.exitCode());
        assertTrue(merge.stderr().contains("would leave the conflicting values of [" + token + "] in clear"),
                merge.stderr());
        assertFalse(repo.read("suffix.ini").contains("-tok"), repo.read("suffix.ini"));
        assertEquals(repo.ok("show", "HEAD:suffix.ini"), repo.read("suffix.ini"), "ours, untouched");
    }

    @Test
    void merge_withoutTheDriver_gitMarkersRefusedNamingSectionAndKey() throws Exception {
        Files.writeString(repo.dir().resolve(".gitattributes"), repo.read(".gitattributes") + INI + " merge=text\n");
        repo.commitAll("plain text merges");
        SecretsProcess.Result merge = repo.divergeAndMerge("feature", () -> repo.set(INI, PASSWORD, "their-pass"),
                () -> repo.set(INI, PASSWORD, "our-pass"));

        assertNotEquals(0, merge.exitCode());
        assertTrue(repo.read(INI).contains("\n<<<<<<< "), repo.read(INI));
        Cli.Run get = repo.cli().run("get", INI, "[\"api\"][\"token\"]");
        assertEquals(ExitCode.MERGE_CONFLICT.code(), get.exitCode(), get.stderr());
        assertTrue(get.stderr().contains("keys [[\"db\"][\"password\"]] and the sops metadata conflict"),
                get.stderr());
        assertTrue(get.stderr().contains("secrets git setup"), get.stderr());
    }

    @Test
    void merge_oneSideRotatesDataKeyOtherSetsValue_mergedUnderTheNewKey() throws Exception {
        SecretsProcess.Result merge = repo.divergeAndMerge("rotated", () -> {
            Cli.Run rotate = repo.cli().run("rotate", INI, "--data-key");
            assertEquals(0, rotate.exitCode(), rotate.stderr());
        }, () -> repo.set(INI, "[\"api\"][\"token\"]", "tok-2"));
        String rotated = repo.ok("show", "rotated:" + INI);

        assertEquals(0, merge.exitCode(), merge.stderr() + merge.out());
        assertEquals(wrappedKey(rotated), wrappedKey(repo.read(INI)), "the rotated data key is kept");
        assertEquals(value(rotated, "host "), value(repo.read(INI), "host "), "kept under the new key");
        assertNotEquals(value(rotated, "token "), value(repo.read(INI), "token "));
        assertEquals("; database\n[db]\nhost     = db.local\npassword = old-pass\n\n[api]\ntoken = tok-2\n", decrypt());
    }

    /** {@code decrypt} through the CLI, which verifies the MAC. */
    private String decrypt() {
        Cli.Run run = repo.cli().run("decrypt", INI);
        assertEquals(0, run.exitCode(), run.stderr());
        return run.out();
    }

    /** An editor script that applies one multi-line perl substitution to the file. */
    private String editor(String name, String substitution) throws Exception {
        Path script = tmp.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec perl -0pi -e '" + substitution + "' \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " in " + text));
    }

    /** The ENC[...] of the first line starting with {@code prefix} (alignment may change when keys are added). */
    private static String value(String text, String prefix) {
        String l = line(text, prefix);
        return l.substring(l.indexOf("ENC["));
    }

    private static String wrappedKey(String text) {
        Matcher m = Pattern.compile("BEGIN AGE ENCRYPTED FILE-----(.*?)-----END", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
