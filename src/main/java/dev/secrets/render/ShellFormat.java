package dev.secrets.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code export KEY='value'} lines for {@code source} / {@code .} in bash, dash or any POSIX shell. Inside
 * single quotes a POSIX shell takes every byte literally (POSIX XCU 2.2.2), so the only byte needing care is
 * {@code '} itself, written as {@code '\''} (close, escaped quote, reopen). Newlines, {@code $}, backticks,
 * backslashes and any non-NUL byte (valid UTF-8 or not) are carried as they are.
 *
 * <p>Refused: keys that are not shell names ({@code [A-Za-z_][A-Za-z0-9_]*}) and values containing a NUL byte,
 * which no shell variable can hold. Duplicate keys: only the last value of each key is written (what sourcing
 * all of them would leave), so an overridden secret is not written out at all.
 */
final class ShellFormat implements RenderFormat {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public byte[] render(List<RenderEntry> entries) throws RenderException {
        List<RenderEntry> unique = Keys.lastWins(entries);
        for (RenderEntry entry : unique) {
            if (!NAME.matcher(entry.key()).matches()) {
                throw new RenderException.UnsupportedKey(name(), entry.key(),
                        "a shell variable name has only letters, digits and '_' and does not start with a digit",
                        "use --format json or dotenv, or rename the key");
            }
            if (Keys.containsNul(entry.value())) {
                throw new RenderException.UnsupportedValue(name(), entry.key(),
                        "it contains a NUL byte, which a shell variable cannot hold", null);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RenderEntry entry : unique) {
            out.writeBytes(("export " + entry.key() + "='").getBytes(StandardCharsets.US_ASCII));
            for (byte b : entry.value()) {
                if (b == '\'') {
                    out.write('\'');
                    out.write('\\');
                    out.write('\'');
                    out.write('\'');
                } else {
                    out.write(b);
                }
            }
            out.write('\'');
            out.write('\n');
        }
        return out.toByteArray();
    }
}
