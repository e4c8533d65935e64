package dev.secrets.age;

import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.CharBuffer;
import java.util.Locale;

/**
 * Plugin recipients ({@code age1NAME1...}) and identities ({@code AGE-PLUGIN-NAME-1...}), Bech32 without length
 * limit; the plugin program is {@code age-plugin-NAME}. Parsing checks only the encoding and the name: what the
 * key means is the plugin's business, and the plugin runs only when a file is encrypted or decrypted.
 */
final class PluginKeys {
    static final String IDENTITY_PREFIX = "AGE-PLUGIN-";

    private PluginKeys() {
    }

    /** The plugin name of an {@code age1NAME1...} recipient; IllegalArgumentException says what is wrong. */
    static String recipientPlugin(String recipient) {
        LongBech32.Decoded decoded = LongBech32.decode(recipient);
        String hrp = decoded.hrp();
        if (!hrp.startsWith("age1") || !hrp.equals(hrp.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an age plugin recipient");
        }
        String name = hrp.substring(4);
        if (!PluginConnection.isValidName(name)) {
            throw new IllegalArgumentException("the plugin name is not valid");
        }
        return name;
    }

    /** Parses an identity line; the identity text is kept for the plugin (it is the plugin's secret). */
    static AgeIdentity parseIdentity(char[] text, String where, String source) throws KeyException {
        String name;
        try {
            LongBech32.Decoded decoded = LongBech32.decode(CharBuffer.wrap(text));
            String hrp = decoded.hrp();
            if (!hrp.startsWith(IDENTITY_PREFIX) || !hrp.endsWith("-") || hrp.length() <= IDENTITY_PREFIX.length() + 1) {
                throw new IllegalArgumentException("not a plugin identity");
            }
            name = hrp.substring(IDENTITY_PREFIX.length(), hrp.length() - 1).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new KeyException.InvalidIdentity(where + " is not a valid age plugin identity (" + e.getMessage()
                    + ")", IdentityFile.HINT, null);
        }
        if (!PluginConnection.isValidName(name)) {
            throw new KeyException.UnsupportedKey(where + " names an age plugin whose name is not valid", null, null);
        }
        byte[] ascii = new byte[text.length];
        for (int i = 0; i < text.length; i++) {
            ascii[i] = (byte) text[i];
        }
        SecretBytes secret = SecretBytes.adopt(ascii);
        String label = "age-plugin-" + name + " identity at " + where;
        String pluginName = name;
        return AgeIdentity.of(secret, label, source, kept -> PluginStanzas.reader(pluginName, kept, source),
                AgeIdentity.Kind.PLUGIN, SecretBytes.adopt(secret.copy()));
    }
}
