package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityDiscoveryTest {
    @TempDir
    Path dir;

    private Path home;
    private final Map<String, String> variables = new HashMap<>();
    private AgeKeyPair a;
    private AgeKeyPair b;
    private AgeKeyPair c;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        variables.put("PATH", System.getenv("PATH"));
        a = AgeKeyPair.generate();
        b = AgeKeyPair.generate();
        c = AgeKeyPair.generate();
    }

    private Environment env() {
        return new Environment(variables, dir, home);
    }

    private Path keysFile(String name, AgeKeyPair... pairs) throws Exception {
        StringBuilder text = new StringBuilder();
        for (AgeKeyPair pair : pairs) {
            text.append(new String(pair.keysFile().copy(), StandardCharsets.US_ASCII));
        }
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void discover_explicitPathAlone_loadsIt() throws Exception {
        keysFile("explicit.txt", a);

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of(Path.of("explicit.txt")));

        assertEquals(List.of(a.recipient()), found.recipients());
        assertEquals(List.of("--identity [" + dir.resolve("explicit.txt") + "] (1 identity)"), found.sources());
    }

    @Test
    void discover_sopsAgeKeyAlone_takesEveryWordOfNonCommentLines() throws Exception {
        variables.put("SOPS_AGE_KEY", "# my keys\n" + IdentityFileTest.secretLine(a) + "  "
                + IdentityFileTest.secretLine(b) + "\n\n#" + IdentityFileTest.secretLine(c) + "\n");

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(a.recipient(), b.recipient()), found.recipients());
        assertEquals(List.of("SOPS_AGE_KEY (2 identities)"), found.sources());
    }

    @Test
    void discover_sopsAgeKeyFileAlone_loadsIt() throws Exception {
        Path file = keysFile("keys/file.txt", a, b);
        variables.put("SOPS_AGE_KEY_FILE", file.toString());

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(a.recipient(), b.recipient()), found.recipients());
        assertEquals(List.of("SOPS_AGE_KEY_FILE [" + file + "] (2 identities)"), found.sources());
    }

    @Test
    void discover_sopsAgeKeyCmdAlone_runsScriptWithoutShell() throws Exception {
        Path keys = keysFile("cmd-keys.txt", c);
        Path script = dir.resolve("print keys.sh");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = \"two words\" ] || exit 3\n[ \"$MARKER\" = yes ] || exit 4\n"
                + "cat \"$2\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        variables.put("MARKER", "yes");
        variables.put("SOPS_AGE_KEY_CMD", "'" + script + "' \"two words\" " + keys);

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(c.recipient()), found.recipients());
        assertEquals(List.of("SOPS_AGE_KEY_CMD (1 identity)"), found.sources());
    }

    @Test
    void discover_sopsAgeKeyCmdFails_errorNamesProgramOnly() throws Exception {
        Path script = dir.resolve("fail.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1\" >&2\nexit 7\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        variables.put("SOPS_AGE_KEY_CMD", script + " --token=hunter2");

        KeyException.NoIdentityFound e = assertThrows(KeyException.NoIdentityFound.class,
                () -> IdentityDiscovery.discover(env(), List.of()));

        assertTrue(e.getMessage().contains("SOPS_AGE_KEY_CMD [" + script + "] failed with exit code 7"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void discover_defaultXdgKeysFile_isRead() throws Exception {
        Path xdg = dir.resolve("xdg");
        keysFile("xdg/sops/age/keys.txt", a);
        variables.put("XDG_CONFIG_HOME", xdg.toString());

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(a.recipient()), found.recipients());
        assertEquals(List.of("default keys file [" + xdg.resolve("sops/age/keys.txt") + "] (1 identity)"),
                found.sources());
    }

    @Test
    void discover_defaultHomeKeysFile_isReadWhenXdgUnset() throws Exception {
        keysFile("home/.config/sops/age/keys.txt", b);

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of());

        assertEquals(List.of(b.recipient()), found.recipients());
    }

    @Test
    void discover_relativeXdg_skipsDefaultAndSaysWhy() throws Exception {
        keysFile("home/.config/sops/age/keys.txt", b);
        variables.put("XDG_CONFIG_HOME", "relative/config");

        KeyException.NoIdentityFound e = assertThrows(KeyException.NoIdentityFound.class,
                () -> IdentityDiscovery.discover(env(), List.of()));

        assertTrue(e.getMessage().contains("XDG_CONFIG_HOME [relative/config] is not an absolute path"),
                e.getMessage());
    }

    @Test
    void discover_severalSources_mergesInOrderWithoutDuplicates() throws Exception {
        keysFile("explicit.txt", a);
        Path file = keysFile("env.txt", b, a);
        keysFile("home/.config/sops/age/keys.txt", c);
        variables.put("SOPS_AGE_KEY_FILE", file.toString());
        variables.put("SOPS_AGE_KEY", IdentityFileTest.secretLine(c));

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of(dir.resolve("explicit.txt")));

        assertEquals(List.of(a.recipient(), c.recipient(), b.recipient()), found.recipients());
        assertEquals(4, found.sources().size());
        assertTrue(found.sources().get(0).startsWith("--identity ["));
        assertTrue(found.sources().get(1).startsWith("SOPS_AGE_KEY ("));
        assertTrue(found.sources().get(2).startsWith("SOPS_AGE_KEY_FILE ["));
        assertTrue(found.sources().get(3).startsWith("default keys file ["));
        assertTrue(found.loadErrors().isEmpty());
    }

    @Test
    void discover_oneBadSourceAmongGood_keepsGoodAndRecordsError() throws Exception {
        keysFile("good.txt", a);
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# fine\nAGE-SECRET-KEY-1NOTREALLYAKEY\n");
        variables.put("SOPS_AGE_KEY_FILE", bad.toString());

        AgeIdentities found = IdentityDiscovery.discover(env(), List.of(Path.of("good.txt")));

        assertEquals(List.of(a.recipient()), found.recipients());
        assertEquals(1, found.loadErrors().size());
        assertTrue(found.loadErrors().get(0).getMessage().contains("line 2"));
    }

    @Test
    void discover_badLineOnly_reportsLineNumberWithoutContent() throws Exception {
        String secret = IdentityFileTest.secretLine(a);
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# created\n\n" + secret + "\n" + secret.substring(0, 30) + "\n");
        variables.put("SOPS_AGE_KEY_FILE", file.toString());

        KeyException.NoIdentityFound e = assertThrows(KeyException.NoIdentityFound.class,
                () -> IdentityDiscovery.discover(env(), List.of()));

        assertTrue(e.getMessage().contains("SOPS_AGE_KEY_FILE [" + file + "] line 4"), e.getMessage());
        assertFalse(e.getMessage().contains(secret.substring(16, 30)), e.getMessage());
    }

    @Test
    void discover_nothingAnywhere_listsEveryPlaceLooked() throws Exception {
        Path missing = dir.resolve("missing.txt");
        variables.put("SOPS_AGE_KEY_FILE", missing.toString());
        variables.put("SOPS_AGE_KEY", "# only a comment");
        variables.put("SOPS_AGE_KEY_CMD", "false");

        KeyException.NoIdentityFound e = assertThrows(KeyException.NoIdentityFound.class,
                () -> IdentityDiscovery.discover(env(), List.of(Path.of("explicit.txt"))));

        String message = e.getMessage();
        assertTrue(message.contains("--identity [" + dir.resolve("explicit.txt") + "]"), message);
        assertTrue(message.contains("SOPS_AGE_KEY,"), message);
        assertTrue(message.contains("SOPS_AGE_KEY_FILE [" + missing + "]"), message);
        assertTrue(message.contains("SOPS_AGE_KEY_CMD"), message);
        assertTrue(message.contains("default keys file [" + home.resolve(".config/sops/age/keys.txt") + "]"),
                message);
        assertTrue(message.contains("does not exist"), message);
        assertTrue(message.contains("[false] failed with exit code 1"), message);
        assertTrue(e.hint() != null && e.hint().contains("SOPS_AGE_KEY_FILE"));
    }

    @Test
    void unwrap_noMatch_hintNamesSourcesUsed() throws Exception {
        keysFile("explicit.txt", a);
        AgeIdentities found = IdentityDiscovery.discover(env(), List.of(Path.of("explicit.txt")));
        var wrapped = new AgeDataKeyWrapper().wrap(b.recipient(), dev.secrets.secret.SecretBytes.copyOf(new byte[32]));

        KeyException.NoIdentityMatched e = assertThrows(KeyException.NoIdentityMatched.class,
                () -> found.unwrap(List.of(wrapped)));

        assertEquals("no identity matched any recipient of the file [" + b.recipient() + "]", e.getMessage());
        assertTrue(e.hint().contains("--identity [" + dir.resolve("explicit.txt") + "]"), e.hint());
    }
}
