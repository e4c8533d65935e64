package dev.secrets.testsupport;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.bech32.Bech32Address;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A small, real age plugin ({@code age-plugin-secretstest}) for the tests: the plugin side of the C2SP
 * age-plugin {@code recipient-v1} and {@code identity-v1} state machines, run as its own process. Its keys are
 * X25519 keys under the plugin's own Bech32 names; its stanza is an X25519 stanza renamed {@code secretstest}.
 * {@code SECRETSTEST_MODE} makes it misbehave on purpose: {@code crash}, {@code garbage}, {@code hang},
 * {@code unknown} (sends a command the client must answer {@code unsupported}), {@code msg}, {@code pin}
 * ({@code request-secret}, expects 1234), {@code lie} (a 15-byte file key), {@code error}.
 */
public final class AgeTestPlugin {
    static final String NAME = "secretstest";
    private static final String RECIPIENT_HRP = "age1" + NAME;
    private static final String IDENTITY_HRP = "AGE-PLUGIN-" + NAME.toUpperCase(Locale.ROOT) + "-";

    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    private final String mode = System.getenv().getOrDefault("SECRETSTEST_MODE", "");

    private record Message(String command, List<String> args, byte[] body) {
    }

    private record Stanza(String getType, List<String> getArguments, byte[] getBody) implements RecipientStanza {
    }

    /** A key pair: the identity line and the recipient. */
    public record Keys(String identity, String recipient) {
    }

    /** Entry point: {@code --age-plugin=recipient-v1|identity-v1}, or {@code keygen}. */
    public static void main(String[] args) throws Exception {
        AgeTestPlugin plugin = new AgeTestPlugin();
        if (args.length == 1 && args[0].equals("keygen")) {
            Keys keys = generate();
            System.out.println(keys.identity() + "\n" + keys.recipient());
        } else if (args.length == 1 && args[0].equals("--age-plugin=recipient-v1")) {
            plugin.recipientV1();
        } else if (args.length == 1 && args[0].equals("--age-plugin=identity-v1")) {
            plugin.identityV1();
        } else {
            System.err.println("age-plugin-secretstest: unknown arguments " + Arrays.toString(args));
            System.exit(2);
        }
        System.out.flush();
    }

    /** A new plugin key pair. */
    public static Keys generate() throws Exception {
        byte[] encoded = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate().getEncoded();
        byte[] scalar = Arrays.copyOfRange(encoded, 16, 48);
        String ageIdentity = Bech32.getEncoder().encode("AGE-SECRET-KEY-", scalar).toString().toUpperCase(Locale.ROOT);
        String ageRecipient = dev.secrets.age.AgeIdentity.parse(ageIdentity.toCharArray(), "plugin keygen").recipient();
        byte[] publicKey = Bech32.getDecoder().decode(ageRecipient).getData();
        return new Keys(Bech32.getEncoder().encode(IDENTITY_HRP, scalar).toString().toUpperCase(Locale.ROOT),
                Bech32.getEncoder().encode(RECIPIENT_HRP, publicKey).toString());
    }

    /** Writes {@code bin/age-plugin-secretstest}, a launcher running this class with the test class path. */
    public static Path install(Path bin) throws IOException {
        Files.createDirectories(bin);
        Path launcher = bin.resolve("age-plugin-" + NAME);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + AgeTestPlugin.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        return launcher;
    }

    private void recipientV1() throws Exception {
        List<String> recipients = new ArrayList<>();
        List<byte[]> fileKeys = new ArrayList<>();
        for (Message m = read(); !m.command().equals("done"); m = read()) {
            switch (m.command()) {
                case "add-recipient" -> recipients.add(m.args().get(0));
                case "wrap-file-key" -> fileKeys.add(m.body());
                default -> { }
            }
        }
        misbehave();
        for (int file = 0; file < fileKeys.size(); file++) {
            for (String recipient : recipients) {
                Bech32Address address = Bech32.getDecoder().decode(recipient);
                String ageRecipient = Bech32.getEncoder().encode("age", address.getData()).toString();
                for (RecipientStanza stanza : X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(ageRecipient)
                        .getRecipientStanzas(new FileKey(fileKeys.get(file)))) {
                    List<String> args = new ArrayList<>(List.of(Integer.toString(file), NAME));
                    args.addAll(stanza.getArguments());
                    send("recipient-stanza", args, stanza.getBody());
                    expect("ok");
                }
            }
        }
        send("done", List.of(), new byte[0]);
    }

    private void identityV1() throws Exception {
        List<String> identities = new ArrayList<>();
        List<Stanza> stanzas = new ArrayList<>();
        for (Message m = read(); !m.command().equals("done"); m = read()) {
            switch (m.command()) {
                case "add-identity" -> identities.add(m.args().get(0));
                case "recipient-stanza" -> {
                    if (m.args().get(1).equals(NAME)) {
                        stanzas.add(new Stanza("X25519", m.args().subList(2, m.args().size()), m.body()));
                    }
                }
                default -> { }
            }
        }
        misbehave();
        if (mode.equals("pin")) {
            send("request-secret", List.of(), "PIN for the test token?".getBytes(StandardCharsets.UTF_8));
            Message answer = read();
            if (!answer.command().equals("ok") || !new String(answer.body(), StandardCharsets.UTF_8).equals("1234")) {
                send("error", List.of("identity", "0"), "wrong PIN".getBytes(StandardCharsets.UTF_8));
                expect("ok");
                send("done", List.of(), new byte[0]);
                return;
            }
        }
        for (String identity : identities) {
            Bech32Address address = Bech32.getDecoder().decode(identity);
            String ageIdentity = Bech32.getEncoder().encode("AGE-SECRET-KEY-", address.getData()).toString()
                    .toUpperCase(Locale.ROOT);
            try {
                FileKey key = X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(ageIdentity)
                        .getFileKey(new ArrayList<>(stanzas));
                byte[] bytes = key.getEncoded();
                send("file-key", List.of("0"), mode.equals("lie") ? Arrays.copyOf(bytes, 15) : bytes);
                expect("ok");
                break;
            } catch (java.security.GeneralSecurityException notOurs) {
                // no stanza for this identity
            }
        }
        send("done", List.of(), new byte[0]);
    }

    private void misbehave() throws Exception {
        switch (mode) {
            case "crash" -> {
                System.err.println("age-plugin-secretstest: crashing on purpose");
                System.exit(3);
            }
            case "garbage" -> {
                out.print("this is not the age plugin protocol\n");
                out.flush();
                Thread.sleep(5000);
                System.exit(0);
            }
            case "hang" -> Thread.sleep(600_000);
            case "unknown" -> {
                send("frobnicate", List.of(), new byte[0]);
                expect("unsupported");
            }
            case "msg" -> {
                send("msg", List.of(), "touch your test token".getBytes(StandardCharsets.UTF_8));
                expect("ok");
            }
            case "error" -> {
                send("error", List.of("internal"), "the test token is unplugged".getBytes(StandardCharsets.UTF_8));
                expect("ok");
                send("done", List.of(), new byte[0]);
                out.flush();
                System.exit(0);
            }
            default -> { }
        }
    }

    private void expect(String command) throws IOException {
        Message answer = read();
        if (!answer.command().equals(command)) {
            System.err.println("age-plugin-secretstest: expected " + command + ", got " + answer.command());
            System.exit(4);
        }
    }

    private Message read() throws IOException {
        String header = in.readLine();
        if (header == null || !header.startsWith("-> ")) {
            System.err.println("age-plugin-secretstest: bad input");
            System.exit(5);
        }
        String[] words = header.substring(3).split(" ");
        StringBuilder body = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                System.exit(5);
            }
            body.append(line);
            if (line.length() < 64) {
                break;
            }
        }
        return new Message(words[0], List.of(Arrays.copyOfRange(words, 1, words.length)),
                Base64.getDecoder().decode(body.toString()));
    }

    private void send(String command, List<String> args, byte[] body) {
        StringBuilder header = new StringBuilder("-> ").append(command);
        args.forEach(a -> header.append(' ').append(a));
        out.print(header + "\n");
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(body);
        for (int i = 0; ; i += 64) {
            out.print(encoded.substring(i, Math.min(encoded.length(), i + 64)) + "\n");
            if (i + 64 > encoded.length()) {
                break;
            }
        }
        out.flush();
    }
}
