package dev.secrets.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.secrets.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShamirSharingTest {
    @Test
    void multiply_aesSpecExample_matches() {
        assertEquals(0xc1, ShamirSharing.multiply(0x57, 0x83));
        assertEquals(1, ShamirSharing.multiply(0x53, ShamirSharing.divide(1, 0x53)));
    }

    @Test
    void combine_anyThresholdSubset_rebuildsSecret() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretBytes[] shares = ShamirSharing.split(SecretBytes.copyOf(raw), 3, 2);
        assertEquals(33, shares[0].length());
        assertArrayEquals(raw, ShamirSharing.combine(List.of(shares[0], shares[1])).copy());
        assertArrayEquals(raw, ShamirSharing.combine(List.of(shares[2], shares[0])).copy());
        assertArrayEquals(raw, ShamirSharing.combine(List.of(shares[0], shares[1], shares[2])).copy());
    }

    @Test
    void combine_belowThreshold_doesNotRevealSecret() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretBytes[] shares = ShamirSharing.split(SecretBytes.copyOf(raw), 3, 3);
        assertFalse(java.util.Arrays.equals(raw, ShamirSharing.combine(List.of(shares[0], shares[1])).copy()));
    }

    @Test
    void combine_duplicateShare_rejected() {
        SecretBytes[] shares = ShamirSharing.split(SecretBytes.copyOf(new byte[32]), 2, 2);
        assertThrows(IllegalArgumentException.class, () -> ShamirSharing.combine(List.of(shares[0], shares[0])));
    }
}
