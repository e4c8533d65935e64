package dev.secrets.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.store.DotenvSopsStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Encrypt then decrypt gives back every key and value exactly, for arbitrary keys and values (unicode, '=',
 * '#', quotes, spaces, line feeds, empty, up to 64 KiB), through the real file layout and MAC; and re-encrypting
 * unchanged values under the same key reproduces the same ciphertexts.
 */
class RoundTripProperties {
    record Pair(String key, String value) {
    }

    @Provide
    Arbitrary<List<Pair>> entries() {
        Arbitrary<String> key = Arbitraries.strings().withChars("ABCXYZabc_019 .-Жé").ofMinLength(1).ofMaxLength(16)
                .filter(k -> !k.startsWith("sops_") && !k.isBlank());
        Arbitrary<String> small = Arbitraries.strings().withChars("=#'\" \t\\\nabcé🔑$`").withCharRange(' ', '~')
                .ofMaxLength(64);
        Arbitrary<String> big = Arbitraries.strings().withCharRange('!', '~').ofMinLength(60000).ofMaxLength(65536);
        Arbitrary<String> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, small),
                net.jqwik.api.Tuple.of(1, big), net.jqwik.api.Tuple.of(2, Arbitraries.just("")));
        return Combinators.combine(key, value).as(Pair::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 150)
    void decrypt_encryptedTree_givesBackEveryValue(@ForAll("entries") List<Pair> pairs) throws Exception {
        List<TreeItem> items = new ArrayList<>();
        items.add(new TreeItem.Comment(Scalar.of(Scalar.COMMENT, " note = #x".getBytes(StandardCharsets.UTF_8))));
        for (Pair p : pairs) {
            items.add(new TreeItem.Entry(p.key(), Scalar.str(p.value())));
        }
        SopsTree plain = new SopsTree(items);
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretBytes key = SecretBytes.copyOf(raw);
        TreeCipher.Encrypted enc = TreeCipher.encrypt(plain, CryptRule.DEFAULT, false, key, new IvStash(), Instant.now());
        Metadata metadata = Metadata.fresh(List.of(List.of(new dev.secrets.keys.WrappedKey("age", "age1x", "enc\n"))), 0,
                false, CryptRule.DEFAULT).withMac(enc.lastModified(), enc.mac());
        byte[] file = DotenvSopsStore.writeEncrypted(enc.tree(), metadata);

        SopsDocument read = DotenvSopsStore.readEncrypted(file, "t");
        TreeCipher.Decrypted dec = TreeCipher.decrypt(read.tree(), read.metadata(), key, true);
        List<TreeItem.Entry> entries = dec.tree().entries();
        assertEquals(pairs.size(), entries.size());
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(pairs.get(i).key(), entries.get(i).key());
            assertArrayEquals(pairs.get(i).value().getBytes(StandardCharsets.UTF_8), entries.get(i).value().bytes());
        }
        TreeCipher.Encrypted again = TreeCipher.encrypt(dec.tree(), CryptRule.DEFAULT, false, key, dec.stash(),
                Instant.now());
        assertEquals(enc.tree().items().size(), again.tree().items().size());
        for (int i = 0; i < enc.tree().items().size(); i++) {
            TreeItem a = enc.tree().items().get(i);
            TreeItem b = again.tree().items().get(i);
            byte[] av = a instanceof TreeItem.Entry ea ? ea.value().bytes() : ((TreeItem.Comment) a).value().bytes();
            byte[] bv = b instanceof TreeItem.Entry eb ? eb.value().bytes() : ((TreeItem.Comment) b).value().bytes();
            assertArrayEquals(av, bv, "unchanged value keeps its ciphertext");
        }
    }
}
