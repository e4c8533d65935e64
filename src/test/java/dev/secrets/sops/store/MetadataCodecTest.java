package dev.secrets.sops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.WrappedKey;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.SopsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {
    private static List<WrappedKey> keys(int n, String prefix) {
        List<WrappedKey> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new WrappedKey("age", prefix + i, "enc" + i + "\n"));
        }
        return list;
    }

    @Test
    void flatten_twelveRecipients_sortsIndicesNumericallyAsSops313() {
        Metadata m = new Metadata(List.of(keys(12, "age1r")), 0, "2024-01-01T00:00:00Z", "ENC[x]", false,
                CryptRule.DEFAULT, "3.13.2", Map.of());
        List<String> names = MetadataCodec.flatten(m).stream().map(Map.Entry::getKey).toList();
        assertEquals("age__list_0__map_enc", names.get(0));
        assertEquals("age__list_1__map_recipient", names.get(3));
        assertEquals("age__list_2__map_enc", names.get(4), "2 before 10, unlike the 3.8 string sort");
        assertEquals(List.of("lastmodified", "mac", "unencrypted_suffix", "version"), names.subList(24, 28));
    }

    @Test
    void flatten_keyGroupsWithThreshold_usesKeyGroupsLayout() {
        Metadata m = new Metadata(List.of(keys(1, "a"), keys(2, "b")), 2, "2024-01-01T00:00:00Z", "ENC[x]", true,
                new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, "^DB_"), "3.13.2", Map.of());
        List<String> names = MetadataCodec.flatten(m).stream().map(Map.Entry::getKey).toList();
        assertEquals(List.of("encrypted_regex", "key_groups__list_0__map_age__list_0__map_enc",
                "key_groups__list_0__map_age__list_0__map_recipient", "key_groups__list_1__map_age__list_0__map_enc",
                "key_groups__list_1__map_age__list_0__map_recipient", "key_groups__list_1__map_age__list_1__map_enc",
                "key_groups__list_1__map_age__list_1__map_recipient", "lastmodified", "mac", "mac_only_encrypted",
                "shamir_threshold", "version"), names);
    }

    @Test
    void unflatten_anyOrder_roundTripsAndKeepsForeignEntries() throws SopsException {
        Metadata m = new Metadata(List.of(keys(3, "age1r")), 0, "2024-01-01T00:00:00Z", "ENC[x]", false,
                CryptRule.DEFAULT, "3.7.1", Map.of("pgp__list_0__map_fp", "ABCD", "pgp__list_0__map_enc", "x"));
        Map<String, String> flat = new LinkedHashMap<>();
        List<Map.Entry<String, String>> entries = new ArrayList<>(MetadataCodec.flatten(m));
        java.util.Collections.reverse(entries);
        entries.forEach(e -> flat.put(e.getKey(), e.getValue()));
        Metadata back = MetadataCodec.unflatten(flat);
        assertEquals(m.keyGroups(), back.keyGroups());
        assertEquals(m.otherEntries(), back.otherEntries());
        assertTrue(back.hasForeignKeys());
        assertEquals(MetadataCodec.flatten(m), MetadataCodec.flatten(back));
    }

    @Test
    void unflatten_incompleteList_invalidMetadata() {
        Map<String, String> flat = new LinkedHashMap<>(Map.of("age__list_1__map_enc", "e", "age__list_1__map_recipient",
                "r", "lastmodified", "2024-01-01T00:00:00Z", "mac", "m", "version", "3.8.1"));
        SopsException e = assertThrows(SopsException.InvalidMetadata.class, () -> MetadataCodec.unflatten(flat));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
    }

    @Test
    void unflatten_twoCryptRules_invalidMetadata() {
        Map<String, String> flat = new LinkedHashMap<>(Map.of("age__list_0__map_enc", "e", "age__list_0__map_recipient",
                "r", "lastmodified", "2024-01-01T00:00:00Z", "mac", "m", "version", "3.8.1", "encrypted_regex", "x",
                "unencrypted_suffix", "_u"));
        assertThrows(SopsException.InvalidMetadata.class, () -> MetadataCodec.unflatten(flat));
    }

    @Test
    void unflatten_noKeys_invalidMetadata() {
        Map<String, String> flat = new LinkedHashMap<>(Map.of("lastmodified", "2024-01-01T00:00:00Z", "mac", "m",
                "version", "3.8.1"));
        assertThrows(SopsException.InvalidMetadata.class, () -> MetadataCodec.unflatten(flat));
    }
}
