package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an applier connects, read from the file at rotation time: from a URL key ({@code postgres://},
 * {@code redis://}, {@code rediss://}) and/or split keys, the split keys overriding the URL's parts. Every part is
 * validated (a host name or IP address, a port number, a name without control characters) before anything is
 * sent, and no message ever shows a value: a playbook that names the wrong key (a password as the host, say)
 * fails without echoing or sending it.
 *
 * @param host host name or IP address
 * @param port TCP port
 * @param user the login name, when the URL or a split key gives one
 * @param database the database (or Redis db number), when given
 * @param options the URL's query options
 * @param tls true for {@code rediss://}
 */
public record Endpoint(String host, int port, Optional<String> user, Optional<String> database,
        Map<String, String> options, boolean tls) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-]{1,253}|[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_NAME = 256;

    /** Copies the options. */
    public Endpoint {
        options = Map.copyOf(options);
    }

    /** The split keys an endpoint may be read from (each nullable; {@code url} may be empty). */
    public record Keys(Optional<String> url, String host, String port, String user, Optional<String> database) {
    }

    /**
     * Reads the endpoint of {@code context.key()}'s applier. {@code schemeCheck} says which URL schemes fit
     * ({@code postgres} or {@code redis}); {@code defaultPort} applies when neither the URL nor a key names one.
     */
    public static Endpoint resolve(ApplyContext context, Keys keys, String family, int defaultPort)
            throws ApplyException {
        String host = null;
        Integer port = null;
        Optional<String> user = Optional.empty();
        Optional<String> database = Optional.empty();
        Map<String, String> options = Map.of();
        boolean tls = false;
        if (keys.url().isPresent()) {
            String urlKey = keys.url().get();
            SecretBytes value = context.secretSetting(urlKey, "url_key");
            ConnectionUrl url;
            try {
                url = ConnectionUrl.parse(value).orElseThrow(() -> new IllegalArgumentException("it is not a URL"));
            } catch (IllegalArgumentException e) {
                throw invalid(context, urlKey, "url_key", "is not a valid " + family + " URL: " + e.getMessage());
            }
            try {
                boolean fits = family.equals("postgres") ? url.isPostgres() : url.isRedis();
                if (!fits) {
                    throw invalid(context, urlKey, "url_key", "holds a [" + url.scheme() + "] URL, not a " + family
                            + " one");
                }
                host = url.host();
                port = url.port().orElse(null);
                user = url.user();
                database = url.path();
                options = url.options();
                tls = url.scheme().equals("rediss");
            } finally {
                url.wipe();
            }
        }
        if (keys.host() != null) {
            host = context.setting(keys.host(), "host_key");
        }
        if (keys.port() != null) {
            port = context.port(keys.port(), "port_key");
        }
        if (keys.user() != null) {
            user = Optional.of(context.setting(keys.user(), "user key"));
        }
        if (keys.database().isPresent()) {
            database = Optional.of(context.setting(keys.database().get(), "database_key"));
        }
        if (host == null || !HOST.matcher(host).matches()) {
            String from = keys.host() != null ? keys.host() : keys.url().orElse("?");
            throw invalid(context, from, keys.host() != null ? "host_key" : "url_key",
                    "does not hold a host name or IP address");
        }
        for (Optional<String> name : java.util.List.of(user, database)) {
            if (name.isPresent() && !isName(name.get())) {
                throw new ApplyException("[" + context.key() + "] a user or database name read from the file is"
                        + " empty, too long or holds control characters", false, null);
            }
        }
        return new Endpoint(host, port == null ? defaultPort : port, user, database, options, tls);
    }

    /** True for a plain name: 1 to 256 characters, no control characters. */
    public static boolean isName(String text) {
        return !text.isEmpty() && text.length() <= MAX_NAME && text.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** Host and port for messages: only key names, never what they hold. */
    public static String describe(Keys keys) {
        return keys.url().map(u -> "[" + u + "]" + (keys.host() == null ? "" : " with host [" + keys.host() + "]"))
                .orElse("[" + keys.host() + "]:[" + keys.port() + "]");
    }

    private static ApplyException invalid(ApplyContext context, String keyName, String field, String what) {
        return new ApplyException("[" + context.key() + "] key [" + keyName + "] (" + field + ") " + what, false,
                null);
    }
}
