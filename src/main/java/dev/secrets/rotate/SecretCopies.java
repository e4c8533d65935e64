package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a credential lives in the file. Its own key holds it whole, or, when that key holds a URL with a password
 * ({@code DATABASE_URL=postgres://app:PASS@db/app}), as that password. Other values may hold copies: a URL whose
 * password is the credential (compared after percent-decoding), or any value containing it verbatim or
 * percent-encoded. Verbatim search needs at least {@value #MIN_VERBATIM} bytes, so a short value never matches by
 * chance inside unrelated text. Every copy is rewritten with the credential, in the same commit.
 */
public final class SecretCopies {
    /** The shortest value looked for inside other values when they are not URLs carrying it as the password. */
    public static final int MIN_VERBATIM = 8;

    private SecretCopies() {
    }

    /**
     * The credential's current value under {@code key}: the URL's password when the key holds a URL with one,
     * else the whole value (a new copy the caller destroys); empty when the key is absent.
     *
     * @throws IllegalArgumentException when the key holds something that starts like a URL but cannot be read, or
     *     a URL without a password (replacing the whole URL would break it)
     */
    public static Optional<SecretBytes> current(String key, Map<String, SecretBytes> values) {
        SecretBytes value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Optional<ConnectionUrl> url = ConnectionUrl.parse(value);
        if (url.isPresent()) {
            try {
                if (url.get().hasPassword()) {
                    return url.get().password();
                }
                throw new IllegalArgumentException("it holds a URL without a password, so there is nothing to"
                        + " rotate in it");
            } finally {
                url.get().wipe();
            }
        }
        return Optional.of(SecretBytes.copyOf(value.copy()));
    }

    /** True when {@code key} holds a URL with a password (so rotating it rotates that password). */
    public static boolean isUrlCredential(String key, Map<String, SecretBytes> values) {
        SecretBytes value = values.get(key);
        if (value == null) {
            return false;
        }
        try {
            Optional<ConnectionUrl> url = ConnectionUrl.parse(value);
            url.ifPresent(ConnectionUrl::wipe);
            return url.isPresent() && url.get().hasPassword();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The keys holding a URL with a password that is neither one of {@code credentialKeys} nor a copy of the
     * current value of one of them: credentials the playbook does not rotate.
     */
    public static List<String> uncoveredUrls(Map<String, SecretBytes> values, List<String> credentialKeys) {
        List<SecretBytes> rotated = new ArrayList<>();
        for (String key : credentialKeys) {
            try {
                current(key, values).ifPresent(rotated::add);
            } catch (IllegalArgumentException e) {
                // reported with its entry
            }
        }
        List<String> out = new ArrayList<>();
        try {
            values.forEach((k, v) -> {
                if (credentialKeys.contains(k) || !isUrlCredential(k, values)) {
                    return;
                }
                SecretBytes password = current(k, values).orElseThrow();
                try {
                    if (rotated.stream().noneMatch(password::equalsConstantTime)) {
                        out.add(k);
                    }
                } finally {
                    password.destroy();
                }
            });
        } finally {
            rotated.forEach(SecretBytes::destroy);
        }
        return out;
    }

    /** The keys other than {@code key} whose values hold a copy of {@code secret}, in file order. */
    public static List<String> holders(String key, Map<String, SecretBytes> values, SecretBytes secret) {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> {
            if (!k.equals(key)) {
                rewrite(v, secret, secret).ifPresent(copy -> {
                    copy.destroy();
                    out.add(k);
                });
            }
        });
        return out;
    }

    /**
     * The new values that put {@code newValue} in place of {@code oldValue} everywhere: under {@code key} itself
     * (as the URL's password when it holds a URL with one) and in every other value holding a copy. Keys of
     * {@code alsoIn} that hold no copy are returned in {@link Changes#missing()}.
     */
    public static Changes changes(String key, Map<String, SecretBytes> values, Optional<SecretBytes> oldValue,
            SecretBytes newValue, List<String> alsoIn) {
        Map<String, SecretBytes> out = new LinkedHashMap<>();
        SecretBytes own = values.get(key);
        Optional<ConnectionUrl> url = own == null ? Optional.empty() : parseQuietly(own);
        if (url.isPresent() && url.get().hasPassword()) {
            out.put(key, url.get().withPassword(newValue));
        } else {
            out.put(key, SecretBytes.copyOf(newValue.copy()));
        }
        url.ifPresent(ConnectionUrl::wipe);
        List<String> embedded = new ArrayList<>();
        if (oldValue.isPresent()) {
            values.forEach((k, v) -> {
                if (!k.equals(key)) {
                    rewrite(v, oldValue.get(), newValue).ifPresent(copy -> {
                        out.put(k, copy);
                        embedded.add(k);
                    });
                }
            });
        }
        List<String> missing = alsoIn.stream().filter(k -> !k.equals(key) && !embedded.contains(k)).toList();
        return new Changes(out, embedded, missing);
    }

    /**
     * The new values of one commit (the caller destroys them), the keys that held copies, and the {@code also_in}
     * keys that held none.
     */
    public record Changes(Map<String, SecretBytes> values, List<String> embeddedIn, List<String> missing) {
        /** Destroys every value. */
        public void destroy() {
            values.values().forEach(SecretBytes::destroy);
        }
    }

    /** {@code value} with each copy of {@code oldValue} replaced by {@code newValue}; empty when it holds none. */
    static Optional<SecretBytes> rewrite(SecretBytes value, SecretBytes oldValue, SecretBytes newValue) {
        Optional<ConnectionUrl> url = parseQuietly(value);
        if (url.isPresent()) {
            try {
                Optional<SecretBytes> password = url.get().password();
                if (password.isPresent()) {
                    try {
                        if (password.get().equalsConstantTime(oldValue)) {
                            return Optional.of(url.get().withPassword(newValue));
                        }
                    } finally {
                        password.get().destroy();
                    }
                }
            } finally {
                url.get().wipe();
            }
        }
        if (oldValue.length() < MIN_VERBATIM) {
            return Optional.empty();
        }
        byte[] text = value.copy();
        byte[] oldRaw = oldValue.copy();
        byte[] newRaw = newValue.copy();
        byte[] oldEncoded = ConnectionUrl.encode(oldValue);
        byte[] newEncoded = ConnectionUrl.encode(newValue);
        try {
            byte[] once = replaceAll(text, oldRaw, newRaw);
            byte[] twice = Arrays.equals(oldRaw, oldEncoded) ? null
                    : replaceAll(once == null ? text : once, oldEncoded, newEncoded);
            byte[] result = twice != null ? twice : once;
            if (twice != null && once != null) {
                SecretBytes.wipe(once);
            }
            return result == null ? Optional.empty() : Optional.of(SecretBytes.adopt(result));
        } finally {
            for (byte[] b : new byte[][] {text, oldRaw, newRaw, oldEncoded, newEncoded}) {
                SecretBytes.wipe(b);
            }
        }
    }

    private static Optional<ConnectionUrl> parseQuietly(SecretBytes value) {
        try {
            return ConnectionUrl.parse(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code text} with every {@code target} replaced, or null when there is none. */
    private static byte[] replaceAll(byte[] text, byte[] target, byte[] replacement) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + target.length <= text.length; i++) {
            if (Arrays.equals(text, i, i + target.length, target, 0, target.length)) {
                at.add(i);
                i += target.length - 1;
            }
        }
        if (at.isEmpty()) {
            return null;
        }
        byte[] out = new byte[text.length + at.size() * (replacement.length - target.length)];
        int from = 0;
        int to = 0;
        for (int i : at) {
            System.arraycopy(text, from, out, to, i - from);
            to += i - from;
            System.arraycopy(replacement, 0, out, to, replacement.length);
            to += replacement.length;
            from = i + target.length;
        }
        System.arraycopy(text, from, out, to, text.length - from);
        return out;
    }
}
