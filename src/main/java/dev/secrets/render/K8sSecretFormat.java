package dev.secrets.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Kubernetes {@code v1 Secret} manifest ({@code type: Opaque}) whose {@code stringData} holds the values,
 * ready for {@code kubectl apply -f}. Written by hand, without a YAML library, so rendering stays lean.
 *
 * <p>Every key and value is a YAML double-quoted scalar (YAML 1.2 §7.3.1, also valid YAML 1.1 as read by
 * kubectl's go-yaml): {@code \} and {@code "} are escaped, as are all C0 and C1 controls, DEL, the YAML 1.1
 * line breaks U+0085, U+2028, U+2029, U+FEFF and the non-characters U+FFFE/U+FFFF; everything else (tab aside,
 * written {@code \t}) is written as UTF-8. No raw line break ever appears inside a scalar, so no line folding can
 * change a value.
 *
 * <p>Refused: keys that are not valid Secret keys (Kubernetes {@code IsConfigMapKey}: {@code [-._a-zA-Z0-9]+},
 * at most 253 characters, not {@code .}, {@code ..} or starting with {@code ..}) and values that are not valid
 * UTF-8 ({@code stringData} holds text). Duplicate keys: one per key, the last value, at the first place.
 */
final class K8sSecretFormat implements RenderFormat {
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private final String secretName;
    private final String namespace;

    K8sSecretFormat(String secretName, String namespace) {
        this.secretName = secretName;
        this.namespace = namespace;
    }

    @Override
    public String name() {
        return "k8s-secret";
    }

    @Override
    public byte[] render(List<RenderEntry> entries) throws RenderException {
        List<RenderEntry> unique = Keys.lastWins(entries);
        String[] values = new String[unique.size()];
        for (int i = 0; i < values.length; i++) {
            String key = unique.get(i).key();
            if (!isSecretKey(key)) {
                throw new RenderException.UnsupportedKey(name(), key,
                        "a Secret key has at most 253 of the characters [-._a-zA-Z0-9] and is not '.' or '..'",
                        "rename the key or leave it out with --except");
            }
            values[i] = Keys.strictUtf8(unique.get(i).value());
            if (values[i] == null) {
                throw new RenderException.UnsupportedValue(name(), key, "it is not valid UTF-8",
                        "stringData holds text only; use --format json or shell for binary values");
            }
        }
        StringBuilder yaml = new StringBuilder();
        yaml.append("apiVersion: v1\nkind: Secret\nmetadata:\n  name: ").append(quoted(secretName)).append('\n');
        if (namespace != null) {
            yaml.append("  namespace: ").append(quoted(namespace)).append('\n');
        }
        yaml.append("type: Opaque\n");
        if (values.length == 0) {
            yaml.append("stringData: {}\n");
        } else {
            yaml.append("stringData:\n");
            for (int i = 0; i < values.length; i++) {
                yaml.append("  ").append(quoted(unique.get(i).key())).append(": ").append(quoted(values[i]))
                        .append('\n');
            }
        }
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isSecretKey(String key) {
        return key.length() <= 253 && SECRET_KEY.matcher(key).matches() && !key.equals(".")
                && !key.startsWith("..");
    }

    /** {@code text} as a YAML double-quoted scalar that every YAML 1.1 and 1.2 reader reads back exactly. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029
                            || cp == 0xfeff || cp == 0xfffe || cp == 0xffff) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
