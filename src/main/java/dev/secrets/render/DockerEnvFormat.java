package dev.secrets.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An {@code env_file} for docker compose (v2, which reads it with compose-go's {@code dotenv} parser). Each value
 * is written {@code KEY="..."}: inside double quotes compose keeps spaces, {@code #}, {@code '} and raw bytes,
 * and understands the escapes {@code \\}, {@code \"}, {@code \n}, {@code \r} and {@code \$}. We escape exactly
 * {@code \}, {@code "}, {@code $}, LF and CR; every other character is written as is.
 *
 * <p>Why double quotes: unquoted values lose trailing spaces and anything after {@code " #"}, and cannot hold a
 * newline; single-quoted values cannot end in a backslash or hold a backslash before a quote. Double quotes with
 * these five escapes carry every string. {@code $} must be escaped because compose interpolates {@code $VAR} and
 * {@code ${VAR}} in double-quoted values; compose-go rewrites {@code \$} to {@code $$}, which interpolation turns
 * into a literal {@code $}. Sources: <a href="https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax">docker
 * docs, ".env file syntax"</a> and compose-go {@code dotenv/parser.go} ({@code extractVarValue},
 * {@code expandEscapes}) with {@code template/template.go} (the {@code $$} escape).
 *
 * <p>Refused: keys outside compose's name characters ({@code [A-Za-z0-9_.\-\[\]]}, non-empty; this format
 * accepts ASCII only), values with a NUL byte (no environment variable can hold one) and values that are not
 * valid UTF-8 (compose passes the environment to the engine as JSON strings). Note that
 * {@code docker run --env-file} is a different, literal format: use {@code dotenv} for it. Duplicate keys: only
 * the last value is written.
 */
final class DockerEnvFormat implements RenderFormat {
    @Override
    public String name() {
        return "docker";
    }

    @Override
    public byte[] render(List<RenderEntry> entries) throws RenderException {
        List<RenderEntry> unique = Keys.lastWins(entries);
        for (RenderEntry entry : unique) {
            check(entry);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RenderEntry entry : unique) {
            out.writeBytes(entry.key().getBytes(StandardCharsets.US_ASCII));
            out.write('=');
            out.write('"');
            for (byte b : entry.value()) {
                switch (b) {
                    case '\\' -> escape(out, '\\');
                    case '"' -> escape(out, '"');
                    case '$' -> escape(out, '$');
                    case '\n' -> escape(out, 'n');
                    case '\r' -> escape(out, 'r');
                    default -> out.write(b);
                }
            }
            out.write('"');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void escape(ByteArrayOutputStream out, char c) {
        out.write('\\');
        out.write(c);
    }

    private void check(RenderEntry entry) throws RenderException {
        String key = entry.key();
        if (key.isEmpty() || !key.chars().allMatch(DockerEnvFormat::isKeyChar)) {
            throw new RenderException.UnsupportedKey(name(), key,
                    "docker compose accepts only letters, digits, '_', '.', '-', '[' and ']' in a name",
                    "use --format json or dotenv, or rename the key");
        }
        if (Keys.containsNul(entry.value())) {
            throw new RenderException.UnsupportedValue(name(), key,
                    "it contains a NUL byte, which an environment variable cannot hold", null);
        }
        if (Keys.strictUtf8(entry.value()) == null) {
            throw new RenderException.UnsupportedValue(name(), key, "it is not valid UTF-8",
                    "use --format shell or dotenv for binary values");
        }
    }

    private static boolean isKeyChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-' || c == '[' || c == ']';
    }
}
