package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.keys.KeyException;
import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AgeDataKeyWrapperTest {
    private static final Path SOPS_CASE = Path.of(System.getProperty("shared.dir"), "vectors", "sops",
            "dotenv-sops-age-3.8.1-three-recipients");
    private final AgeDataKeyWrapper wrapper = new AgeDataKeyWrapper();

    @Test
    void wrap_x25519Recipient_writesSopsArmorLayout() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();

        WrappedKey wrapped = wrapper.wrap(pair.recipient(), SecretBytes.copyOf(randomKey()));

        assertEquals("age", wrapped.type());
        assertEquals(pair.recipient(), wrapped.recipient());
        String enc = wrapped.enc();
        assertTrue(enc.startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        assertTrue(enc.endsWith("\n-----END AGE ENCRYPTED FILE-----\n"));
        String[] lines = enc.split("\n", -1);
        // header, 4 full lines, one 56-column line, footer, and the empty string after the final LF
        assertEquals(8, lines.length);
        for (int i = 1; i <= 4; i++) {
            assertEquals(64, lines[i].length());
        }
        assertEquals(56, lines[5].length());
        assertEquals("", lines[7]);
        byte[] binary = Base64.getDecoder().decode(String.join("", List.of(lines).subList(1, 6)));
        assertEquals(232, binary.length);
        assertTrue(new String(binary, StandardCharsets.ISO_8859_1).startsWith("age-encryption.org/v1\n-> X25519 "));
    }

    @Test
    void wrap_thenUnwrap_returnsSameKey() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        byte[] key = randomKey();

        WrappedKey wrapped = wrapper.wrap("  " + pair.recipient() + "\n", SecretBytes.copyOf(key));
        SecretBytes unwrapped = AgeIdentities.of(List.of(pair.identity())).unwrap(List.of(wrapped));

        assertEquals(pair.recipient(), wrapped.recipient());
        assertTrue(unwrapped.equalsConstantTime(key));
    }

    @Test
    void wrap_badChecksum_throwsInvalidRecipientNamingIt() {
        String bad = "age1je6kjhzuhdjy3fqptpttxjh5k8q46vygzlgtpuq3030c947pc5tqz9dqvq";

        KeyException.InvalidRecipient e = assertThrows(KeyException.InvalidRecipient.class,
                () -> wrapper.wrap(bad, SecretBytes.copyOf(randomKey())));

        assertTrue(e.getMessage().startsWith("recipient [" + bad + "] is not a valid age public key"), e.getMessage());
        assertNotNull(e.hint());
    }

    @Test
    void wrap_truncatedSshRsaRecipient_throwsInvalidRecipientNamingTheKind() {
        KeyException.InvalidRecipient e = assertThrows(KeyException.InvalidRecipient.class,
                () -> wrapper.wrap("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ me@host", SecretBytes.copyOf(randomKey())));
        assertTrue(e.getMessage().contains("not a usable ssh-rsa public key"), e.getMessage());
    }

    @Test
    void wrap_pluginRecipientWithoutPlugin_throwsPluginNotFoundNamingTheProgram() {
        AgePlugins.install(new dev.secrets.io.Environment(Map.of("PATH", "/nonexistent"), Path.of("/"), Path.of("/")),
                PluginUi.NONE);
        try {
            KeyException.PluginNotFound e = assertThrows(KeyException.PluginNotFound.class, () -> wrapper.wrap(
                    "age1yubikey1qwt50d05nh5vutpdzmlg5wn80xq5negm4uj9ghv0snvdd3yysf5yw3rhl3t", SecretBytes.copyOf(randomKey())));
            assertTrue(e.getMessage().contains("[age-plugin-yubikey]"), e.getMessage());
        } finally {
            AgePlugins.install(null, PluginUi.NONE);
        }
    }

    @Test
    void wrap_malformedHybridRecipient_throwsInvalidRecipientNamingTheKind() {
        KeyException.InvalidRecipient e = assertThrows(KeyException.InvalidRecipient.class,
                () -> wrapper.wrap("age1pq1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", SecretBytes.copyOf(randomKey())));
        assertTrue(e.getMessage().contains("not a valid post-quantum age recipient"), e.getMessage());
    }

    @Test
    void wrap_identityGivenAsRecipient_doesNotEchoIt() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        String secret = new String(pair.keysFile().copy(), StandardCharsets.US_ASCII).lines()
                .filter(line -> line.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();

        KeyException.InvalidRecipient e = assertThrows(KeyException.InvalidRecipient.class,
                () -> wrapper.wrap(secret, SecretBytes.copyOf(randomKey())));

        assertFalse(e.getMessage().contains(secret.substring(16)), e.getMessage());
        assertTrue(e.getMessage().contains("private key"), e.getMessage());
    }

    @Test
    void unwrap_realSopsFile_returns32ByteKeyFromRecipientZero() throws Exception {
        List<WrappedKey> copies = sopsAgeCopies();
        assertEquals(3, copies.size());
        AgeIdentities identities = AgeIdentities.of(IdentityFile.read(SOPS_CASE.resolve("key.txt"), "key.txt"));

        SecretBytes key = identities.unwrap(copies);
        assertEquals(32, key.length());
        SecretBytes fromFirstOnly = identities.unwrap(copies.subList(0, 1));
        assertTrue(fromFirstOnly.equalsConstantTime(key));

        KeyException.NoIdentityMatched e = assertThrows(KeyException.NoIdentityMatched.class,
                () -> identities.unwrap(copies.subList(1, 3)));
        assertEquals("no identity matched any recipient of the file [" + copies.get(1).recipient() + ", "
                + copies.get(2).recipient() + "]", e.getMessage());
        assertTrue(e.hint().contains("key.txt"), e.hint());
    }

    @Test
    void unwrap_tamperedCopy_throwsWrapFailed() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        WrappedKey wrapped = wrapper.wrap(pair.recipient(), SecretBytes.copyOf(randomKey()));
        String[] lines = wrapped.enc().split("\n", -1);
        char[] last = lines[5].toCharArray();
        last[10] = last[10] == 'A' ? 'B' : 'A';
        lines[5] = new String(last);
        WrappedKey tampered = new WrappedKey("age", wrapped.recipient(), String.join("\n", lines));

        assertThrows(KeyException.WrapFailed.class,
                () -> AgeIdentities.of(List.of(pair.identity())).unwrap(List.of(tampered)));
    }

    @Test
    void unwrap_brokenArmor_throwsWrapFailed() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();
        WrappedKey wrapped = wrapper.wrap(pair.recipient(), SecretBytes.copyOf(randomKey()));
        WrappedKey noFooter = new WrappedKey("age", wrapped.recipient(),
                wrapped.enc().replace("-----END AGE ENCRYPTED FILE-----\n", ""));

        assertThrows(KeyException.WrapFailed.class,
                () -> AgeIdentities.of(List.of(pair.identity())).unwrap(List.of(noFooter)));
    }

    @Test
    void unwrap_otherTypesOnly_throwsNoIdentityMatched() throws Exception {
        AgeKeyPair pair = AgeKeyPair.generate();

        KeyException.NoIdentityMatched e = assertThrows(KeyException.NoIdentityMatched.class,
                () -> AgeIdentities.of(List.of(pair.identity()))
                        .unwrap(List.of(new WrappedKey("pgp", "ABCDEF", "whatever"))));
        assertTrue(e.getMessage().endsWith("[]"), e.getMessage());
    }

    @Test
    void unwrap_secondIdentityMatchesSecondCopy_returnsKey() throws Exception {
        AgeKeyPair first = AgeKeyPair.generate();
        AgeKeyPair second = AgeKeyPair.generate();
        AgeKeyPair outsider = AgeKeyPair.generate();
        byte[] key = randomKey();
        List<WrappedKey> copies = List.of(wrapper.wrap(first.recipient(), SecretBytes.copyOf(key)),
                wrapper.wrap(second.recipient(), SecretBytes.copyOf(key)));

        SecretBytes unwrapped = AgeIdentities.of(List.of(outsider.identity(), second.identity())).unwrap(copies);

        assertTrue(unwrapped.equalsConstantTime(key));
    }

    /** The {@code sops_age__list_N__map_*} lines of the real sops file, with literal {@code \n} turned into LF. */
    private static List<WrappedKey> sopsAgeCopies() throws IOException {
        Map<Integer, String> encs = new TreeMap<>();
        Map<Integer, String> recipients = new TreeMap<>();
        for (String line : Files.readAllLines(SOPS_CASE.resolve("secret.enc.env"))) {
            if (!line.startsWith("sops_age__list_")) {
                continue;
            }
            int index = Integer.parseInt(line.substring("sops_age__list_".length(), line.indexOf("__map_")));
            String value = line.substring(line.indexOf('=') + 1);
            if (line.contains("__map_enc=")) {
                encs.put(index, value.replace("\\n", "\n"));
            } else if (line.contains("__map_recipient=")) {
                recipients.put(index, value);
            }
        }
        List<WrappedKey> copies = new ArrayList<>();
        for (Map.Entry<Integer, String> enc : encs.entrySet()) {
            copies.add(new WrappedKey("age", recipients.get(enc.getKey()), enc.getValue()));
        }
        return copies;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
