package dev.secrets.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML and JSON files {@code secrets} writes open with independent readers: the {@code sops-age} npm package
 * decrypts the whole file to the same data, the {@code age} CLI unwraps the data key from the metadata, and the
 * JDK's AES-GCM opens a nested value under the path AAD {@code complex:value:} that sops uses.
 */
class NestedPeerInteropTest {
    private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:(\\w+)\\]");
    private static final String YAML = "# top comment\n"
            + "secret: this is a secret\n"
            + "port: 8080\n"
            + "ratio: 3.14\n"
            + "enabled: true\n"
            + "unicode: h\u00e9llo \u2603\n"
            + "complex:\n"
            + "    value: nested secret\n"
            + "    # inner comment\n"
            + "    array:\n"
            + "        - one\n"
            + "        - 2\n"
            + "        - key: in a list\n"
            + "multi: |\n"
            + "    line one\n"
            + "    line two\n"
            + "public_unencrypted: visible\n"
            + "nothing: null\n";

    @TempDir
    Path dir;
    private Path key;
    private String recipient;
    private String secretKey;

    @BeforeEach
    void keys() throws Exception {
        key = dir.resolve("key.txt");
        assertEquals(0, Peers.ageKeygen("-o", key.toString()).exitCode());
        recipient = Peers.ageKeygen("-y", key.toString()).out().trim();
        secretKey = Files.readAllLines(key).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst().orElseThrow();
    }

    @Test
    void encryptYaml_sopsAgeAndOurDecryptAgree_plainTextComesBackExactly() throws Exception {
        Path out = encrypt("plain.yaml", YAML, "secret.yaml");
        String text = Files.readString(out);
        assertTrue(text.contains("public_unencrypted: visible\n"), text);
        assertTrue(text.contains("#ENC[AES256_GCM,"), "comments are encrypted: " + text);
        assertTrue(text.contains("\nsops:\n    age:\n        - enc: |\n"), text);
        Peers.Result peer = Peers.sopsAge(out, secretKey, "yaml");
        assertEquals(0, peer.exitCode(), peer.stderr());
        assertEquals(new YAMLMapper().readTree(YAML), new ObjectMapper().readTree(peer.stdout()));
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", key.toString()).run("decrypt", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(YAML, run.out());
    }

    @Test
    void encryptJson_sopsAgeAndOurDecryptAgree_plainTextComesBackExactly() throws Exception {
        String json = "{\n\t\"secret\": \"s3cr\u00e9t <&>\",\n\t\"n\": 7,\n\t\"f\": 1.5,\n\t\"b\": false,\n"
                + "\t\"nested\": {\n\t\t\"list\": [\n\t\t\t1,\n\t\t\t\"two\",\n\t\t\t{}\n\t\t],\n\t\t\"none\": null\n\t}\n}\n";
        Path out = encrypt("plain.json", json, "secret.json");
        Peers.Result peer = Peers.sopsAge(out, secretKey, "json");
        assertEquals(0, peer.exitCode(), peer.stderr());
        assertEquals(new ObjectMapper().readTree(json), new ObjectMapper().readTree(peer.stdout()));
        Cli.Run run = new Cli(dir).env("SOPS_AGE_KEY_FILE", key.toString()).run("decrypt", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(json.replace("<&>", "\\u003c\\u0026\\u003e"), run.out());
    }

    @Test
    void encryptYaml_ageCliUnwrapsDataKey_jdkOpensNestedValueUnderPathAad() throws Exception {
        Path out = encrypt("plain.yaml", YAML, "secret.yaml");
        JsonNode tree = new YAMLMapper().readTree(out.toFile());
        String armor = tree.get("sops").get("age").get(0).get("enc").asText();
        Peers.Result unwrapped = Peers.age(armor.getBytes(StandardCharsets.US_ASCII), "-d", "-i", key.toString());
        assertEquals(0, unwrapped.exitCode(), unwrapped.stderr());
        byte[] dataKey = unwrapped.stdout();
        assertEquals(32, dataKey.length);
        Matcher m = ENC.matcher(tree.get("complex").get("value").asText());
        assertTrue(m.matches());
        assertEquals("nested secret", new String(open(m, dataKey, "complex:value:"), StandardCharsets.UTF_8));
        Matcher listed = ENC.matcher(tree.get("complex").get("array").get(1).asText());
        assertTrue(listed.matches());
        assertEquals("int", listed.group(4));
        assertEquals("2", new String(open(listed, dataKey, "complex:array:"), StandardCharsets.UTF_8));
    }

    private Path encrypt(String plainName, String content, String outName) throws Exception {
        Files.writeString(dir.resolve(plainName), content);
        Cli.Run run = new Cli(dir).run("encrypt", "--age", recipient, plainName, "-o", outName);
        assertEquals(0, run.exitCode(), run.stderr());
        return dir.resolve(outName);
    }

    private static byte[] open(Matcher m, byte[] dataKey, String aad) throws Exception {
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] data = b64.decode(m.group(1));
        byte[] tag = b64.decode(m.group(3));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, b64.decode(m.group(2))));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = new byte[data.length + 16];
        System.arraycopy(data, 0, sealed, 0, data.length);
        System.arraycopy(tag, 0, sealed, data.length, 16);
        byte[] plain = cipher.doFinal(sealed);
        return plain;
    }
}
