package dev.secrets.bench;

import static dev.secrets.bench.Medians.median;

import dev.secrets.keys.WrappedKey;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.CryptRule;
import dev.secrets.sops.IvStash;
import dev.secrets.sops.Metadata;
import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.TreeCipher;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.store.DotenvSopsStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * In-process benchmark (not a test): decrypting and encrypting a dotenv file of N values through the full
 * SOPS layer (parse, AAD, MAC, metadata), against a baseline of bare JDK AES-GCM over the same values in the
 * same run. Prints medians of repeated rounds and the ratio. Run with {@code bash scripts/bench.sh}.
 */
public final class CryptoBench {
    private CryptoBench() {
    }

    public static void main(String[] args) throws Exception {
        int values = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretBytes key = SecretBytes.copyOf(raw);
        List<TreeItem> items = new ArrayList<>();
        for (int i = 0; i < values; i++) {
            items.add(new TreeItem.Entry("KEY_" + i, Scalar.str("value-" + i + "-" + "x".repeat(32))));
        }
        SopsTree plain = new SopsTree(items);
        TreeCipher.Encrypted enc = TreeCipher.encrypt(plain, CryptRule.DEFAULT, false, key, new IvStash(), Instant.now());
        Metadata meta = Metadata.fresh(List.of(List.of(new WrappedKey("age", "age1x", "e\n"))), 0, false,
                CryptRule.DEFAULT).withMac(enc.lastModified(), enc.mac());
        byte[] file = DotenvSopsStore.writeEncrypted(enc.tree(), meta);

        double decrypt = median(rounds, () -> {
            try {
                SopsDocument doc = DotenvSopsStore.readEncrypted(file, "bench");
                return TreeCipher.decrypt(doc.tree(), doc.metadata(), key, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double encrypt = median(rounds, () -> DotenvSopsStore.writeEncrypted(
                TreeCipher.encrypt(plain, CryptRule.DEFAULT, false, key, new IvStash(), Instant.now()).tree(), meta));
        byte[][] ivs = new byte[values][32];
        byte[][] sealed = new byte[values][];
        SecretKeySpec spec = new SecretKeySpec(raw, "AES");
        for (int i = 0; i < values; i++) {
            new SecureRandom().nextBytes(ivs[i]);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, ivs[i]));
            sealed[i] = c.doFinal(("value-" + i + "-" + "x".repeat(32)).getBytes());
        }
        double baseline = median(rounds, () -> {
            try {
                int total = 0;
                for (int i = 0; i < values; i++) {
                    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                    c.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, ivs[i]));
                    total += c.doFinal(sealed[i]).length;
                }
                return total;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("values=%d rounds=%d file=%d bytes%n", values, rounds, file.length);
        System.out.printf("baseline  bare AES-GCM decrypt of %d values: median %.2f ms%n", values, baseline);
        System.out.printf("secrets   parse+decrypt+MAC verify:          median %.2f ms  (%.2fx baseline)%n", decrypt, decrypt / baseline);
        System.out.printf("secrets   encrypt+MAC+emit:                  median %.2f ms  (%.2fx baseline)%n", encrypt, encrypt / baseline);
    }
}
