package dev.secrets.app;

import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a rotation can address: every top-level scalar by its key, and every scalar inside a mapping or list
 * by its sops path in canonical spelling ({@code ["db"]["password"]}, {@code ["hosts"][0]}), as the playbook names
 * it. Keys holding quotes or brackets have no path spelling and are left out.
 */
final class RotationValues {
    private RotationValues() {
    }

    /** Copies of the values of {@code plain}'s first branch; the caller destroys them. */
    static Map<String, SecretBytes> of(SopsTree plain) {
        Map<String, SecretBytes> values = new LinkedHashMap<>();
        for (TreeItem.Entry entry : plain.entries()) {
            values.putIfAbsent(entry.key(), SecretBytes.copyOf(entry.value().bytes()));
        }
        for (TreeItem item : plain.items()) {
            if (item instanceof TreeItem.Nested nested && addressable(nested.key())) {
                walk(nested.value(), "[\"" + nested.key() + "\"]", values);
            }
        }
        return values;
    }

    private static void walk(TreeValue value, String path, Map<String, SecretBytes> values) {
        if (value instanceof Scalar scalar) {
            values.putIfAbsent(path, SecretBytes.copyOf(scalar.bytes()));
        } else if (value instanceof TreeValue.Mapping mapping) {
            for (TreeItem item : mapping.items()) {
                if (item instanceof TreeItem.Entry e && addressable(e.key())) {
                    walk(e.value(), path + "[\"" + e.key() + "\"]", values);
                } else if (item instanceof TreeItem.Nested n && addressable(n.key())) {
                    walk(n.value(), path + "[\"" + n.key() + "\"]", values);
                }
            }
        } else if (value instanceof TreeValue.Sequence sequence) {
            List<TreeValue> elements = sequence.items().stream().filter(v -> !(v instanceof TreeItem.Comment)).toList();
            for (int i = 0; i < elements.size(); i++) {
                walk(elements.get(i), path + "[" + i + "]", values);
            }
        }
    }

    private static boolean addressable(String key) {
        return key.indexOf('"') < 0 && key.indexOf('[') < 0 && key.indexOf(']') < 0;
    }
}
