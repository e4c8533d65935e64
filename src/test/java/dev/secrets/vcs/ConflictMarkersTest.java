package dev.secrets.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Git's own markers in raw encrypted text: dotenv keys named, YAML/JSON lines never called metadata only. */
class ConflictMarkersTest {
    private static ConflictMarkers.Found find(String text) {
        return ConflictMarkers.find(text.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void find_dotenvValueAndMetadataInConflict_namesTheKeys() {
        ConflictMarkers.Found found = find("A=ENC[x]\n<<<<<<< HEAD\nB=ENC[1]\nsops_mac=ENC[m1]\n=======\nB=ENC[2]\n"
                + "sops_mac=ENC[m2]\n>>>>>>> feature\n");
        assertEquals(List.of("B"), found.keys());
        assertTrue(found.metadata());
        assertEquals(2, found.line());
    }

    @Test
    void find_yamlValueInConflict_saysEncryptedLinesNotOnlyMetadata() {
        ConflictMarkers.Found found = find("db:\n<<<<<<< HEAD\n    password: ENC[1]\n=======\n    password: ENC[2]\n"
                + ">>>>>>> feature\nsops:\n    mac: ENC[m]\n");
        assertEquals(List.of(), found.keys());
        String message = ConflictMarkers.error("config.yaml", found).getMessage();
        assertTrue(message.contains("encrypted lines (values or the sops metadata) conflict"), message);
    }

    @Test
    void find_iniValueAndSopsSectionInConflict_namesSectionAndKey() {
        ConflictMarkers.Found found = find("[db]\nhost = ENC[h]\n<<<<<<< HEAD\npassword = ENC[1]\n=======\n"
                + "password = ENC[2]\n>>>>>>> feature\n\n[sops]\n<<<<<<< HEAD\nlastmodified = 1\nmac          = ENC[m1]\n"
                + "=======\nlastmodified = 2\nmac          = ENC[m2]\n>>>>>>> feature\n");
        assertEquals(3, found.line());
        assertEquals(List.of("[\"db\"][\"password\"]"), found.keys());
        assertTrue(found.metadata());
        assertFalse(found.otherLines());
    }

    @Test
    void sides_diff3Markers_oursAndTheirsWithoutTheBase() {
        List<byte[]> sides = ConflictMarkers.sides(("a: 1\n<<<<<<< HEAD\nb: ours\n||||||| base\nb: old\n=======\n"
                + "b: theirs\n>>>>>>> feature\nc: 3\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("a: 1\nb: ours\nc: 3\n", new String(sides.get(0), StandardCharsets.UTF_8));
        assertEquals("a: 1\nb: theirs\nc: 3\n", new String(sides.get(1), StandardCharsets.UTF_8));
    }
}
