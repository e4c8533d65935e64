package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decrypt --extract} on an INI file, through the CLI. sops fails on a section (its extract writes the
 * section's keys as a whole INI file, so each key would have to be a section: "Section values should always be
 * TreeBranches", exit 4); {@code secrets} prints the section's lines instead, a file that reads back as the same
 * keys. A key prints raw, as in sops; {@code --output-type json} prints the section as a JSON object, as in sops.
 */
class IniExtractTest {
    private static final String PLAIN = "[database]\n"
            + "; who owns it\n"
            + "host = db.internal\n"
            + "password = correct horse ; rotated monthly\n"
            + "port = 5432\n"
            + "\n"
            + "[empty]\n"
            + "\n"
            + "[redis]\n"
            + "url = redis://:s3cret@cache:6379/0\n";

    @TempDir
    Path dir;
    private Keys keys;
    private Cli cli;

    @BeforeEach
    void encrypt() throws Exception {
        keys = Keys.create(dir.resolve("key.txt"));
        cli = new Cli(dir).env("SOPS_AGE_KEY_FILE", keys.file().toString());
        Files.writeString(dir.resolve("app.ini"), PLAIN);
        Cli.Run run = cli.run("encrypt", "--age", keys.recipient(), "app.ini", "-o", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
    }

    @Test
    void extract_section_printsItsKeyLinesAligned() {
        Cli.Run run = cli.run("decrypt", "--extract", "[\"database\"]", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("; who owns it\n"
                + "host     = db.internal\n"
                + "; rotated monthly\n"
                + "password = correct horse\n"
                + "port     = 5432\n", run.out());
    }

    @Test
    void extract_sectionOutput_readsBackAsTheSameKeys() throws Exception {
        Cli.Run run = cli.run("decrypt", "--extract", "[\"database\"]", "secret.ini", "-o", "db.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(0, cli.run("encrypt", "--age", keys.recipient(), "db.ini", "-o", "db.enc.ini").exitCode());
        assertEquals("correct horse", cli.run("get", "db.enc.ini", "[\"DEFAULT\"][\"password\"]").out());
        assertEquals("5432", cli.run("get", "db.enc.ini", "[\"DEFAULT\"][\"port\"]").out());
    }

    @Test
    void extract_emptySection_printsNothing() {
        Cli.Run run = cli.run("decrypt", "--extract", "[\"empty\"]", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.out());
    }

    @Test
    void extract_key_printsRawValueWithoutLineFeed() {
        Cli.Run run = cli.run("decrypt", "--extract", "[\"database\"][\"password\"]", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("correct horse", run.out());
    }

    @Test
    void extract_sectionAsJson_printsAnObjectAsSops() {
        Cli.Run run = cli.run("decrypt", "--extract", "[\"redis\"]", "--output-type", "json", "secret.ini");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("{\n\t\"url\": \"redis://:s3cret@cache:6379/0\"\n}\n", run.out());
    }

    @Test
    void extract_missingSectionOrKey_exits90NamingIt() {
        String[][] cases = {{"[\"smtp\"]", "smtp"}, {"[\"database\"][\"user\"]", "user"}};
        for (String[] c : cases) {
            Cli.Run run = cli.run("decrypt", "--extract", c[0], "secret.ini");
            assertEquals(90, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains(c[1]) && !run.stderr().contains("correct horse"), run.stderr());
            assertEquals("", run.out());
        }
    }
}
