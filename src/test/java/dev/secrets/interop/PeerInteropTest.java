package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by {@code secrets encrypt} are opened by independent peers: the Debian {@code age} CLI
 * unwraps the data key for every recipient, the JDK's own AES-GCM (driven here from the spec, not through our
 * cipher) opens the values and the MAC, and the {@code sops-age} npm package decrypts the whole file.
 */
class PeerInteropTest {
    private static final Pattern ENC = Pattern.compile(
            "^ENC\\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)\\]$");

    @TempDir
    Path dir;
    private Path key1;
    private Path key2;
    private String recipient1;
    private String recipient2;

    private final Map<String, String> values = new LinkedHashMap<>();

    @BeforeEach
    void keysAndValues() throws Exception {
        key1 = dir.resolve("key1.txt");
        key2 = dir.resolve("key2.txt");
        assertEquals(0, Peers.ageKeygen("-o", key1.toString()).exitCode());
        assertEquals(0, Peers.ageKeygen("-o", key2.toString()).exitCode());
        recipient1 = Peers.ageKeygen("-y", key1.toString()).out().trim();
        recipient2 = Peers.ageKeygen("-y", key2.toString()).out().trim();
        values.put("DB_PASSWORD", "p@ss=word#1 'quoted' \"double\"");
        values.put("API_KEY", "sk-ünïcödé-🔑");
        values.put("MULTILINE", "line one\nline two");
        values.put("SPACES", "  padded  ");
        values.put("EMPTY", "");
        values.put("PORT", "5432");
        values.put("PUBLIC_unencrypted", "visible");
        values.put("BIG", "x".repeat(65536));
    }

    private Path encrypt() throws Exception {
        StringBuilder env = new StringBuilder("# a comment\n");
        values.forEach((k, v) -> env.append(k).append('=').append(v.replace("\n", "\\n")).append('\n'));
        Files.writeString(dir.resolve("app.env"), env);
        Cli.Run run = new Cli(dir).run("encrypt", "--age", recipient1 + "," + recipient2, "app.env", "-o", "app.env.enc");
        assertEquals(0, run.exitCode(), run.stderr());
        return dir.resolve("app.env.enc");
    }

    @Test
    void encrypt_anyRecipient_ageCliUnwrapsSameDataKey() throws Exception {
        Map<String, String> lines = lines(encrypt());
        byte[] first = ageDecrypt(lines.get("sops_age__list_0__map_enc"), key1);
        byte[] second = ageDecrypt(lines.get("sops_age__list_1__map_enc"), key2);
        assertEquals(32, first.length);
        assertArrayEquals(first, second);
        assertEquals(recipient1, lines.get("sops_age__list_0__map_recipient"));
        assertEquals(recipient2, lines.get("sops_age__list_1__map_recipient"));
    }

    @Test
    void encrypt_valuesAndMac_openWithJdkAesGcmFromTheSpec() throws Exception {
        Map<String, String> lines = lines(encrypt());
        byte[] dataKey = ageDecrypt(lines.get("sops_age__list_0__map_enc"), key1);
        MessageDigest mac = MessageDigest.getInstance("SHA-512");
        for (Map.Entry<String, String> e : values.entrySet()) {
            String stored = lines.get(e.getKey());
            String plain;
            if (e.getKey().endsWith("_unencrypted") || e.getValue().isEmpty()) {
                plain = stored;
            } else {
                plain = new String(open(stored, dataKey, e.getKey() + ":"), StandardCharsets.UTF_8);
            }
            assertEquals(e.getValue().replace("\n", "\\n"), plain.replace("\n", "\\n"), e.getKey());
            mac.update(plain.getBytes(StandardCharsets.UTF_8));
        }
        String lastModified = lines.get("sops_lastmodified");
        assertTrue(lastModified.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), lastModified);
        String storedMac = new String(open(lines.get("sops_mac"), dataKey, lastModified), StandardCharsets.US_ASCII);
        assertEquals(HexFormat.of().withUpperCase().formatHex(mac.digest()), storedMac);
        assertEquals("_unencrypted", lines.get("sops_unencrypted_suffix"));
        assertTrue(lines.get("sops_version").matches("\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void encrypt_wholeFile_sopsAgeDecryptsSameValues() throws Exception {
        Path encrypted = encrypt();
        for (Path key : List.of(key1, key2)) {
            String secretKey = Files.readAllLines(key).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-"))
                    .findFirst().orElseThrow();
            Peers.Result result = Peers.sopsAge(encrypted, secretKey);
            assertEquals(0, result.exitCode(), result.stderr());
            @SuppressWarnings("unchecked")
            Map<String, String> decrypted = new ObjectMapper().readValue(result.stdout(), Map.class);
            assertEquals(values, decrypted);
        }
    }

    private static byte[] open(String enc, byte[] dataKey, String aad) throws Exception {
        Matcher m = ENC.matcher(enc);
        assertTrue(m.matches(), "ENC format");
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] data = b64.decode(m.group(1));
        byte[] iv = b64.decode(m.group(2));
        byte[] tag = b64.decode(m.group(3));
        assertEquals(32, iv.length);
        assertEquals(16, tag.length);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = new byte[data.length + 16];
        System.arraycopy(data, 0, sealed, 0, data.length);
        System.arraycopy(tag, 0, sealed, data.length, 16);
        return cipher.doFinal(sealed);
    }

    private static byte[] ageDecrypt(String escapedArmor, Path identity) throws Exception {
        String armor = escapedArmor.replace("\\n", "\n");
        assertTrue(armor.startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        assertTrue(armor.endsWith("\n-----END AGE ENCRYPTED FILE-----\n"));
        Peers.Result result = Peers.age(armor.getBytes(StandardCharsets.US_ASCII), "-d", "-i", identity.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        return result.stdout();
    }

    static Map<String, String> lines(Path file) throws Exception {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#") && line.contains("=")) {
                map.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return map;
    }
}
