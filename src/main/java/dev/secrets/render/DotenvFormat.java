package dev.secrets.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Exactly what {@code sops -d} emits for a dotenv file (sops {@code stores/dotenv} {@code EmitPlainFile}): one
 * {@code key=value} line per entry, each ending in LF, every LF inside a value written as the two characters
 * {@code \n}, nothing else escaped, comments left out (a render of the whole file prints sops's own text instead,
 * comments included: see {@code RenderEnv}). Duplicate keys are all written, in order, as sops does;
 * readers that keep one value per key take the last.
 *
 * <p>Refused, because sops's own loader would read them back differently: a key containing {@code =} or LF or
 * starting with {@code #}, and a value containing the two characters {@code \n} (the loader would turn them into
 * a newline). None of these can come from a dotenv file sops loaded, so output for such files is byte-identical
 * to {@code sops -d}.
 */
final class DotenvFormat implements RenderFormat {
    @Override
    public String name() {
        return "dotenv";
    }

    @Override
    public byte[] render(List<RenderEntry> entries) throws RenderException {
        for (RenderEntry entry : entries) {
            check(entry);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RenderEntry entry : entries) {
            out.writeBytes(entry.key().getBytes(StandardCharsets.UTF_8));
            out.write('=');
            for (byte b : entry.value()) {
                if (b == '\n') {
                    out.write('\\');
                    out.write('n');
                } else {
                    out.write(b);
                }
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void check(RenderEntry entry) throws RenderException {
        String key = entry.key();
        if (key.indexOf('=') >= 0 || key.indexOf('\n') >= 0 || key.startsWith("#")) {
            throw new RenderException.UnsupportedKey(name(), key,
                    "a dotenv key cannot contain '=' or a newline or start with '#'", null);
        }
        byte[] value = entry.value();
        for (int i = 0; i + 1 < value.length; i++) {
            if (value[i] == '\\' && value[i + 1] == 'n') {
                throw new RenderException.UnsupportedValue(name(), key,
                        "it contains a backslash followed by 'n', which sops's dotenv reader turns into a newline",
                        "use --format json, shell or docker for this value");
            }
        }
    }
}
