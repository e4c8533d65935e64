package dev.secrets.render;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entries as environment variables for a child process ({@code secrets exec}): a map from name to value, the
 * last value of a duplicate key winning.
 *
 * <p>Refused, so no value is ever mangled on its way to the child: an empty key or one containing {@code =} or
 * NUL, a value containing NUL, a value that is not valid UTF-8 (Java passes the environment as strings) and a
 * value the JVM's default charset cannot encode. The JVM encodes a child's environment with that charset; in a
 * POSIX/C locale on Java 17 it is ASCII and would turn every non-ASCII character into {@code ?}.
 */
public final class ExecEnvironment {
    private ExecEnvironment() {
    }

    /**
     * The variables to add to the child's environment.
     *
     * @throws RenderException.UnsupportedKey for a key no environment can hold
     * @throws RenderException.UnsupportedValue for a value that cannot reach the child unchanged
     */
    public static Map<String, String> of(List<RenderEntry> entries) throws RenderException {
        return of(entries, Charset.defaultCharset());
    }

    /** As {@link #of(List)} with the charset the JVM encodes the environment with given explicitly. */
    static Map<String, String> of(List<RenderEntry> entries, Charset jvmCharset) throws RenderException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (RenderEntry entry : entries) {
            String key = entry.key();
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new RenderException.UnsupportedKey("environment", key,
                        "an environment variable name is not empty and contains neither '=' nor NUL", null);
            }
            if (Keys.containsNul(entry.value())) {
                throw new RenderException.UnsupportedValue("environment", key,
                        "it contains a NUL byte, which an environment variable cannot hold",
                        "use exec --file to pass it as a file");
            }
            String value = Keys.strictUtf8(entry.value());
            if (value == null) {
                throw new RenderException.UnsupportedValue("environment", key, "it is not valid UTF-8",
                        "use exec --file to pass it as a file");
            }
            if (!jvmCharset.newEncoder().canEncode(key) || !jvmCharset.newEncoder().canEncode(value)) {
                throw new RenderException.UnsupportedValue("environment", key,
                        "the JVM's charset [" + jvmCharset.name() + "] cannot encode it",
                        "run with a UTF-8 locale (LANG=C.UTF-8) or -Dfile.encoding=UTF-8");
            }
            variables.put(key, value);
        }
        return variables;
    }
}
