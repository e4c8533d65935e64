package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A URL with credentials read from a value ({@code postgres://user:pass@host:5432/db?sslmode=require},
 * {@code redis://:pass@host:6379/0}, {@code rediss://...}, or any other {@code scheme://user:pass@host}), parsed
 * on bytes so the password only ever exists as {@link SecretBytes}. Percent-encoding is decoded in the parts and
 * used when a new password is written back ({@link #withPassword}).
 *
 * <p>Parsing follows RFC 3986, with one tolerance found in real files: an unencoded {@code @} in the password (the
 * last {@code @} of the authority ends the user info). Failures throw {@link IllegalArgumentException} naming the
 * part that is wrong, never the value.
 */
public final class ConnectionUrl {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.\\-]{0,30}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");
    private final byte[] raw;
    private final String scheme;
    private final Optional<String> user;
    private final int passwordStart;
    private final int passwordEnd;
    private final String host;
    private final Optional<Integer> port;
    private final Optional<String> path;
    private final Map<String, String> options;

    private ConnectionUrl(byte[] raw, String scheme, Optional<String> user, int passwordStart, int passwordEnd,
            String host, Optional<Integer> port, Optional<String> path, Map<String, String> options) {
        this.raw = raw;
        this.scheme = scheme;
        this.user = user;
        this.passwordStart = passwordStart;
        this.passwordEnd = passwordEnd;
        this.host = host;
        this.port = port;
        this.path = path;
        this.options = options;
    }

    /** True when {@code value} starts like a URL ({@code scheme://}); says nothing about its validity. */
    public static boolean looksLikeUrl(SecretBytes value) {
        byte[] b = value.copy();
        try {
            return schemeEnd(b) > 0;
        } finally {
            SecretBytes.wipe(b);
        }
    }

    /**
     * The URL in {@code value}, or empty when the value does not start with {@code scheme://}.
     *
     * @throws IllegalArgumentException when it starts like a URL but its authority cannot be read
     */
    public static Optional<ConnectionUrl> parse(SecretBytes value) {
        byte[] b = value.copy();
        int schemeEnd = schemeEnd(b);
        if (schemeEnd < 0) {
            SecretBytes.wipe(b);
            return Optional.empty();
        }
        try {
            return Optional.of(parse(b, schemeEnd));
        } catch (IllegalArgumentException e) {
            SecretBytes.wipe(b);
            throw e;
        }
    }

    private static ConnectionUrl parse(byte[] b, int schemeEnd) {
        String scheme = new String(b, 0, schemeEnd, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int start = schemeEnd + 3;
        int authorityEnd = indexOfAny(b, start, b.length, "/?#");
        int at = lastIndexOf(b, (byte) '@', start, authorityEnd);
        Optional<String> user = Optional.empty();
        int passwordStart = -1;
        int passwordEnd = -1;
        int hostStart = start;
        if (at >= 0) {
            int colon = indexOfAny(b, start, at, ":");
            int userEnd = colon < 0 ? at : colon;
            String name = decodeText(b, start, userEnd, "user name");
            user = name.isEmpty() ? Optional.empty() : Optional.of(name);
            if (colon >= 0) {
                passwordStart = colon + 1;
                passwordEnd = at;
            }
            hostStart = at + 1;
        }
        String hostPort = new String(b, hostStart, authorityEnd - hostStart, StandardCharsets.UTF_8);
        if (hostPort.indexOf(',') >= 0) {
            throw new IllegalArgumentException("it names several hosts, which rotation does not support");
        }
        String host = hostPort;
        Optional<Integer> port = Optional.empty();
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(hostPort.indexOf(']'), 0))
                : hostPort.lastIndexOf(':');
        if (portColon >= 0) {
            host = hostPort.substring(0, portColon);
            port = Optional.of(port(hostPort.substring(portColon + 1)));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("it has no host (Unix sockets are not supported: name a TCP host)");
        }
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("its host is not a host name or IP address");
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        Optional<String> path = Optional.empty();
        int queryStart = indexOfAny(b, authorityEnd, b.length, "?#");
        if (authorityEnd < b.length && b[authorityEnd] == '/' && queryStart > authorityEnd + 1) {
            path = Optional.of(decodeText(b, authorityEnd + 1, queryStart, "path"));
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (queryStart < b.length && b[queryStart] == '?') {
            int end = indexOfAny(b, queryStart + 1, b.length, "#");
            for (int i = queryStart + 1; i < end; ) {
                int amp = indexOfAny(b, i, end, "&");
                int eq = indexOfAny(b, i, amp, "=");
                if (amp > i) {
                    options.put(decodeText(b, i, eq, "query option"), eq < amp ? decodeText(b, eq + 1, amp,
                            "query option") : "");
                }
                i = amp + 1;
            }
        }
        return new ConnectionUrl(b, scheme, user, passwordStart, passwordEnd, host, port, path,
                Collections.unmodifiableMap(options));
    }

    /** The scheme in lower case ({@code postgres}, {@code postgresql}, {@code redis}, {@code rediss}, ...). */
    public String scheme() {
        return scheme;
    }

    /** True for {@code postgres://} and {@code postgresql://}. */
    public boolean isPostgres() {
        return scheme.equals("postgres") || scheme.equals("postgresql");
    }

    /** True for {@code redis://} and {@code rediss://}. */
    public boolean isRedis() {
        return scheme.equals("redis") || scheme.equals("rediss");
    }

    /** The decoded user name, when the URL has a non-empty one. */
    public Optional<String> user() {
        return user;
    }

    /** True when the URL carries a non-empty password. */
    public boolean hasPassword() {
        return passwordStart >= 0 && passwordEnd > passwordStart;
    }

    /** The decoded password (the caller destroys it), when the URL has one. */
    public Optional<SecretBytes> password() {
        if (!hasPassword()) {
            return Optional.empty();
        }
        return Optional.of(SecretBytes.adopt(decode(raw, passwordStart, passwordEnd)));
    }

    /** The host name or IP address (IPv6 without brackets). */
    public String host() {
        return host;
    }

    /** The port, when given. */
    public Optional<Integer> port() {
        return port;
    }

    /** The decoded path without its leading slash (a database name or Redis db number), when non-empty. */
    public Optional<String> path() {
        return path;
    }

    /** The decoded query options, in order. */
    public Map<String, String> options() {
        return options;
    }

    /** This URL with its password replaced by {@code password}, percent-encoded (the caller destroys it). */
    public SecretBytes withPassword(SecretBytes password) {
        if (passwordStart < 0) {
            throw new IllegalStateException("the URL has no password part");
        }
        byte[] encoded = encode(password);
        byte[] out = new byte[passwordStart + encoded.length + raw.length - passwordEnd];
        System.arraycopy(raw, 0, out, 0, passwordStart);
        System.arraycopy(encoded, 0, out, passwordStart, encoded.length);
        System.arraycopy(raw, passwordEnd, out, passwordStart + encoded.length, raw.length - passwordEnd);
        SecretBytes.wipe(encoded);
        return SecretBytes.adopt(out);
    }

    /** Wipes the copy of the value this URL was read from. */
    public void wipe() {
        SecretBytes.wipe(raw);
    }

    /** {@code value} percent-encoded as a URL's user info allows (unreserved characters kept). */
    public static byte[] encode(SecretBytes value) {
        byte[] in = value.copy();
        byte[] buffer = new byte[in.length * 3];
        int n = 0;
        for (byte x : in) {
            int c = x & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                buffer[n++] = (byte) c;
            } else {
                buffer[n++] = '%';
                buffer[n++] = (byte) Character.toUpperCase(Character.forDigit(c >> 4, 16));
                buffer[n++] = (byte) Character.toUpperCase(Character.forDigit(c & 0xf, 16));
            }
        }
        SecretBytes.wipe(in);
        byte[] result = Arrays.copyOf(buffer, n);
        SecretBytes.wipe(buffer);
        return result;
    }

    private static int schemeEnd(byte[] b) {
        for (int i = 1; i < Math.min(b.length - 2, 32); i++) {
            if (b[i] == ':' && b[i + 1] == '/' && b[i + 2] == '/') {
                String scheme = new String(b, 0, i, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                return SCHEME.matcher(scheme).matches() ? i : -1;
            }
        }
        return -1;
    }

    private static int port(String text) {
        if (text.matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        }
        throw new IllegalArgumentException("its port is not a port number");
    }

    private static String decodeText(byte[] b, int from, int to, String part) {
        byte[] decoded = decode(b, from, to);
        String text = new String(decoded, StandardCharsets.UTF_8);
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("its " + part + " holds control characters");
        }
        return text;
    }

    private static byte[] decode(byte[] b, int from, int to) {
        byte[] buffer = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            int h = b[i] == '%' && i + 2 < to ? Character.digit(b[i + 1], 16) : -1;
            int l = h >= 0 ? Character.digit(b[i + 2], 16) : -1;
            if (l >= 0) {
                buffer[n++] = (byte) (h << 4 | l);
                i += 2;
            } else {
                buffer[n++] = b[i];
            }
        }
        byte[] result = Arrays.copyOf(buffer, n);
        SecretBytes.wipe(buffer);
        return result;
    }

    private static int indexOfAny(byte[] b, int from, int to, String chars) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(b[i]) >= 0) {
                return i;
            }
        }
        return to;
    }

    private static int lastIndexOf(byte[] b, byte c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
