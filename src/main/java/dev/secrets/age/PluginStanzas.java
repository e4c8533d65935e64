package dev.secrets.age;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client side of the age plugin state machines (C2SP age-plugin): {@code recipient-v1} to wrap a file key
 * to {@code age1NAME1...}, {@code identity-v1} to unwrap with {@code AGE-PLUGIN-NAME-1...}. Plugin questions
 * ({@code msg}, {@code confirm}, {@code request-public}, {@code request-secret}) go to {@link AgePlugins#ui()};
 * unknown commands are answered {@code unsupported}, as the protocol asks. Nothing the plugin sends is trusted
 * beyond the protocol: indexes must be 0 (one file), a file key must be 16 bytes, stanzas must be well formed.
 */
final class PluginStanzas {
    private static final int FILE_KEY_LENGTH = 16;

    private PluginStanzas() {
    }

    /** Wraps file keys to one plugin recipient. */
    static RecipientStanzaWriter writer(String name, String recipient) {
        return fileKey -> {
            byte[] key = fileKey.getEncoded();
            try (PluginConnection plugin = PluginConnection.start(name, "recipient-v1", "recipient [" + shown(recipient) + "]")) {
                plugin.send("add-recipient", List.of(recipient), new byte[0]);
                plugin.send("wrap-file-key", List.of(), key);
                plugin.send("done", List.of(), new byte[0]);
                List<RecipientStanza> stanzas = new ArrayList<>();
                while (true) {
                    PluginConnection.Message message = plugin.receive();
                    switch (message.command()) {
                        case "recipient-stanza" -> {
                            List<String> args = message.arguments();
                            if (args.size() < 2 || !"0".equals(args.get(0))) {
                                throw plugin.brokeProtocol("a recipient-stanza for a file it was not given");
                            }
                            stanzas.add(new AgeStanza(args.get(1), List.copyOf(args.subList(2, args.size())),
                                    message.body()));
                            plugin.send("ok", List.of(), new byte[0]);
                        }
                        case "error" -> throw pluginError(plugin, message);
                        case "done" -> {
                            if (stanzas.isEmpty()) {
                                throw plugin.brokeProtocol("it finished without a stanza for the file");
                            }
                            return stanzas;
                        }
                        default -> answerCommon(plugin, message);
                    }
                }
            } catch (KeyException e) {
                throw new KeyFailureException(e);
            } finally {
                SecretBytes.wipe(key);
            }
        };
    }

    /** Unwraps with one plugin identity (its text kept in {@code identity}, not copied). */
    static RecipientStanzaReader reader(String name, SecretBytes identity, String source) {
        return stanzas -> {
            try (PluginConnection plugin = PluginConnection.start(name, "identity-v1", "an identity from " + source)) {
                byte[] text = identity.copy();
                try {
                    plugin.send("add-identity", List.of(new String(text, StandardCharsets.US_ASCII)), new byte[0]);
                } finally {
                    SecretBytes.wipe(text);
                }
                for (RecipientStanza stanza : stanzas) {
                    List<String> args = new ArrayList<>(List.of("0", stanza.getType()));
                    args.addAll(stanza.getArguments());
                    plugin.send("recipient-stanza", args, stanza.getBody());
                }
                plugin.send("done", List.of(), new byte[0]);
                byte[] fileKey = null;
                while (true) {
                    PluginConnection.Message message = plugin.receive();
                    switch (message.command()) {
                        case "file-key" -> {
                            if (!message.arguments().equals(List.of("0")) || message.body().length != FILE_KEY_LENGTH) {
                                throw plugin.brokeProtocol("a file-key that is not 16 bytes for file 0");
                            }
                            SecretBytes.wipe(fileKey);
                            fileKey = message.body();
                            plugin.send("ok", List.of(), new byte[0]);
                        }
                        case "error" -> {
                            SecretBytes.wipe(fileKey);
                            throw pluginError(plugin, message);
                        }
                        case "done" -> {
                            if (fileKey == null) {
                                throw new UnsupportedRecipientStanzaException(plugin.program() + " found no stanza for its identity");
                            }
                            return new FileKey(fileKey);
                        }
                        default -> answerCommon(plugin, message);
                    }
                }
            } catch (KeyException e) {
                throw new KeyFailureException(e);
            }
        };
    }

    /** The questions and messages both state machines share; anything else is {@code unsupported}. */
    private static void answerCommon(PluginConnection plugin, PluginConnection.Message message) throws KeyException {
        PluginUi ui = AgePlugins.ui();
        String text = new String(message.body(), StandardCharsets.UTF_8);
        switch (message.command()) {
            case "msg" -> {
                ui.message(plugin.program(), text);
                plugin.send("ok", List.of(), new byte[0]);
            }
            case "confirm" -> {
                List<String> args = message.arguments();
                if (args.isEmpty() || args.size() > 2) {
                    throw plugin.brokeProtocol("a confirm without its choices");
                }
                String yes = decodeLabel(plugin, args.get(0));
                String no = args.size() == 2 ? decodeLabel(plugin, args.get(1)) : null;
                Optional<Boolean> answer = ui.confirm(plugin.program(), text, yes, no);
                if (answer.isEmpty()) {
                    plugin.send("fail", List.of(), new byte[0]);
                } else {
                    plugin.send("ok", List.of(answer.get() ? "yes" : "no"), new byte[0]);
                }
            }
            case "request-public" -> {
                Optional<String> value = ui.publicValue(plugin.program(), text);
                if (value.isEmpty()) {
                    plugin.send("fail", List.of(), new byte[0]);
                } else {
                    plugin.send("ok", List.of(), value.get().getBytes(StandardCharsets.UTF_8));
                }
            }
            case "request-secret" -> {
                Optional<SecretBytes> value = ui.secret(plugin.program(), text);
                if (value.isEmpty()) {
                    plugin.send("fail", List.of(), new byte[0]);
                } else {
                    byte[] secret = value.get().copy();
                    try {
                        plugin.send("ok", List.of(), secret);
                    } finally {
                        SecretBytes.wipe(secret);
                        value.get().destroy();
                    }
                }
            }
            default -> plugin.send("unsupported", List.of(), new byte[0]);
        }
    }

    private static String decodeLabel(PluginConnection plugin, String base64) throws KeyException {
        byte[] label = SshEd25519StanzaReader.decode(base64);
        if (label == null) {
            throw plugin.brokeProtocol("a confirm choice that is not canonical base64");
        }
        return new String(label, StandardCharsets.UTF_8);
    }

    private static KeyException pluginError(PluginConnection plugin, PluginConnection.Message message) {
        String text = new String(message.body(), StandardCharsets.UTF_8).strip();
        String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        String kind = message.arguments().isEmpty() ? "internal" : message.arguments().get(0);
        return plugin.failed("reported a" + ("internal".equals(kind) ? "n " : " ") + kind + " error: "
                + shown.replaceAll("[\\p{Cntrl}]", " "));
    }

    private static String shown(String recipient) {
        return recipient.length() > 40 ? recipient.substring(0, 40) + "..." : recipient;
    }
}
