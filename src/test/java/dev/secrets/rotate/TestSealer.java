package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** Seals journal values with AES-256-GCM under a key held in memory (the file layer uses the file's data key). */
final class TestSealer implements FileJournal.Sealer {
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    TestSealer() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        key = generator.generateKey();
    }

    /** A sealer over a given 32-byte key (so two processes can share a journal). */
    TestSealer(byte[] key) {
        this.key = new javax.crypto.spec.SecretKeySpec(key, "AES");
    }

    @Override
    public byte[] seal(SecretBytes value) throws IOException {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] plain = value.copy();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } finally {
            SecretBytes.wipe(plain);
        }
    }

    @Override
    public SecretBytes open(byte[] sealed) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
            return SecretBytes.adopt(cipher.doFinal(sealed, 12, sealed.length - 12));
        } catch (GeneralSecurityException e) {
            throw new IOException("journal value does not decrypt", e);
        }
    }
}
