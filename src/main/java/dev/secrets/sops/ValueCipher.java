package dev.secrets.sops;

import dev.secrets.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SOPS's per-value cipher: AES-256-GCM with a 32-byte IV and a 16-byte tag, serialized as
 * {@code ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<type>]} with standard padded base64.
 * One instance decrypts one file on one thread (it keeps its cipher between values).
 */
public final class ValueCipher {
    /** IV length sops uses. */
    public static final int IV_LENGTH = 32;
    private static final int TAG_BYTES = 16;
    private static final String PREFIX = "ENC[AES256_GCM,data:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    /** One AES-GCM cipher re-initialised per value: a lookup per value was most of decrypting 10,000 keys. */
    private Cipher decrypting;

    /** A cipher for one data key (32 bytes). */
    public ValueCipher(SecretBytes dataKey) {
        byte[] raw = dataKey.copy();
        try {
            this.key = new SecretKeySpec(raw, "AES");
        } finally {
            SecretBytes.wipe(raw);
        }
    }

    /** True when {@code text} has the shape of an encrypted value. */
    public static boolean looksEncrypted(String text) {
        return text.startsWith("ENC[AES256_GCM,");
    }

    /**
     * Encrypts {@code plaintext} of {@code type} bound to {@code aad}; {@code iv} null means a fresh random IV.
     * Empty plaintext gives the empty string, as in sops.
     */
    public String encrypt(byte[] plaintext, String type, byte[] aad, byte[] iv) {
        if (plaintext.length == 0) {
            return "";
        }
        byte[] nonce = iv != null ? iv : randomIv();
        byte[] out;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            out = cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        String result = "ENC[AES256_GCM,data:" + b64.encodeToString(Arrays.copyOf(out, out.length - TAG_BYTES))
                + ",iv:" + b64.encodeToString(nonce)
                + ",tag:" + b64.encodeToString(Arrays.copyOfRange(out, out.length - TAG_BYTES, out.length))
                + ",type:" + type + "]";
        Arrays.fill(out, (byte) 0);
        return result;
    }

    /** A decrypted value and the IV it was encrypted with. */
    public record Decrypted(Scalar value, byte[] iv) {
    }

    /**
     * Decrypts an ENC string bound to {@code aad}; {@code where} names the key in errors. The empty string
     * decrypts to an empty {@code str}.
     *
     * @throws SopsException.MalformedValue when the text is not an ENC value, or the plaintext is not what its
     *     {@code type:} tag says (an {@code int} that is not a number...), which sops refuses too
     * @throws SopsException.ValueTampered when authentication fails
     */
    public Decrypted decrypt(String text, byte[] aad, String where) throws SopsException {
        if (text.isEmpty()) {
            return new Decrypted(Scalar.str(new byte[0]), new byte[0]);
        }
        String[] parts = split(text);
        if (parts == null) {
            throw new SopsException.MalformedValue("value of [" + where + "] is not in sops' ENC[AES256_GCM,...] format");
        }
        byte[] data = decodeBase64(parts[0], "data", where);
        byte[] iv = decodeBase64(parts[1], "iv", where);
        byte[] tag = decodeBase64(parts[2], "tag", where);
        String type = parts[3];
        if (tag.length != TAG_BYTES || iv.length == 0) {
            throw new SopsException.MalformedValue("value of [" + where + "] has a " + tag.length
                    + "-byte tag and a " + iv.length + "-byte iv (need 16 and at least 1)");
        }
        byte[] sealed = new byte[data.length + TAG_BYTES];
        System.arraycopy(data, 0, sealed, 0, data.length);
        System.arraycopy(tag, 0, sealed, data.length, TAG_BYTES);
        try {
            if (decrypting == null) {
                decrypting = Cipher.getInstance("AES/GCM/NoPadding");
            }
            Cipher cipher = decrypting;
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad);
            byte[] plain = cipher.doFinal(sealed);
            try {
                if (!TypedPlaintext.matches(type, plain)) {
                    throw new SopsException.MalformedValue("value of [" + where + "] does not match its type:"
                            + type + " tag (sops refuses it too): the tag was changed by hand or the file is damaged");
                }
                return new Decrypted(Scalar.of(type, plain), iv);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new SopsException.ValueTampered("value of [" + where + "] failed authentication: it was changed, "
                    + "moved from another key, or encrypted with another data key", null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Splits an ENC value into data, iv, tag and type as sops's regex
     * {@code ^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]} does (greedy groups, anchored at the
     * start only, so bytes after the last {@code ]} are ignored); null when it does not match.
     */
    static String[] split(String text) {
        if (!text.startsWith(PREFIX) || text.indexOf('\n') >= 0) {
            return null;
        }
        // Right to left, each separator as far right as the groups after it allow: the greedy regex's choice, in
        // linear time (a backtracking search is cubic on a crafted value).
        int close = text.lastIndexOf(']');
        int type = close < 0 ? -1 : text.lastIndexOf(",type:", close - 7);
        int tag = type < 0 ? -1 : text.lastIndexOf(",tag:", type - 6);
        int iv = tag < 0 ? -1 : text.lastIndexOf(",iv:", tag - 5);
        if (iv <= PREFIX.length()) {
            return null;
        }
        return new String[] {text.substring(PREFIX.length(), iv), text.substring(iv + 4, tag),
                text.substring(tag + 5, type), text.substring(type + 6, close)};
    }

    private static byte[] decodeBase64(String text, String part, String where) throws SopsException {
        try {
            return Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new SopsException.MalformedValue("value of [" + where + "] has invalid base64 in its " + part);
        }
    }

    private static byte[] randomIv() {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        return iv;
    }
}
