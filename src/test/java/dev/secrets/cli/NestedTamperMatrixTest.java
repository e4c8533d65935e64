package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.testsupport.Cli;
import dev.secrets.testsupport.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dotenv tamper matrix ({@link TamperMatrixTest}) over YAML, JSON and INI files written by {@code secrets}, through
 * the CLI: every byte of a nested value's data, IV and tag, the MAC, a dropped MAC, {@code lastmodified}, a renamed
 * key, two values swapped, two keys reordered, an unencrypted value changed (caught by the MAC unless
 * {@code mac_only_encrypted}), a recipient added. Each ends with its documented exit code, nothing on stdout, no
 * output file, and no plaintext value in the error.
 */
class NestedTamperMatrixTest {
    private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:([a-z]+)\\]");
    private static final List<String> SECRETS = List.of("correct horse", "abc123", "db-user-7");
    private static final String YAML = "# ops comment\ndb:\n    password: correct horse\n    port: 5432\n    user: db-user-7\n"
            + "api_key: abc123\npublic_unencrypted: visible\n";
    private static final String JSON = "{\n\t\"db\": {\n\t\t\"password\": \"correct horse\",\n\t\t\"port\": 5432,\n"
            + "\t\t\"user\": \"db-user-7\"\n\t},\n\t\"api_key\": \"abc123\",\n\t\"public_unencrypted\": \"visible\"\n}\n";
    private static final String INI = "; ops comment\n[db]\npassword = correct horse\nport = 5432\nuser = db-user-7\n\n"
            + "[top]\napi_key = abc123\npublic_unencrypted = visible\n";

    @TempDir
    Path dir;

    /** One format's encrypted file and the CLI to read it. */
    private final class Fixture {
        final String format;
        final Cli cli;
        final Keys keys;
        final String original;
        final Path home;

        Fixture(String format, boolean macOnlyEncrypted) throws Exception {
            this.format = format;
            home = Files.createDirectories(dir.resolve(format + (macOnlyEncrypted ? "-maconly" : "")));
            keys = Keys.create(home.resolve("key.txt"));
            Keys other = Keys.create(home.resolve("other.txt"));
            cli = new Cli(home).env("SOPS_AGE_KEY_FILE", keys.file().toString());
            Files.writeString(home.resolve("plain." + format), format.equals("yaml") ? YAML : format.equals("json") ? JSON : INI);
            List<String> args = new ArrayList<>(List.of("encrypt", "--age", keys.recipient() + "," + other.recipient()));
            if (macOnlyEncrypted) {
                args.add("--mac-only-encrypted");
            }
            args.addAll(List.of("plain." + format, "-o", "secret." + format));
            Cli.Run run = cli.run(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.stderr());
            original = Files.readString(home.resolve("secret." + format));
        }

        /** The whole line holding {@code key} (YAML {@code key:}, JSON {@code "key":}, INI {@code key =}). */
        String line(String key) {
            return original.lines().filter(l -> l.strip().startsWith(key + ":") || l.strip().startsWith("\"" + key + "\":")
                    || l.matches(Pattern.quote(key) + " +=.*"))
                    .findFirst().orElseThrow(() -> new AssertionError("no line for " + key + " in " + original));
        }

        Cli.Run decrypt(String content) throws Exception {
            Files.writeString(home.resolve("tampered." + format), content);
            Files.deleteIfExists(home.resolve("out." + format));
            Cli.Run run = cli.run("decrypt", "tampered." + format, "-o", "out." + format);
            if (run.exitCode() != 0) {
                assertFalse(Files.exists(home.resolve("out." + format)), "nothing written on failure");
                assertEquals(0, run.stdout().length, "nothing printed on failure");
            }
            for (String secret : SECRETS) {
                assertFalse(run.stderr().contains(secret), "a value leaked into the error: " + run.stderr());
            }
            return run;
        }

        void expect(ExitCode code, UnaryOperator<String> edit) throws Exception {
            String tampered = edit.apply(original);
            assertNotEquals(original, tampered, "the edit changed something");
            Cli.Run run = decrypt(tampered);
            assertEquals(code.code(), run.exitCode(), format + ": " + run.stderr());
        }
    }

    private Stream<DynamicTest> both(String name, Case c) {
        return Stream.of("yaml", "json", "ini").map(format -> DynamicTest.dynamicTest(name + " (" + format + ")", () -> c.run(format)));
    }

    /** One tamper case for one format. */
    private interface Case {
        void run(String format) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> everyByteOfNestedValue_flipped_valueTampered() {
        return both("db.password data/iv/tag", format -> {
            Fixture fx = new Fixture(format, false);
            String line = fx.line("password");
            for (int part = 1; part <= 3; part++) {
                Matcher m = ENC.matcher(line);
                assertTrue(m.find());
                byte[] bytes = Base64.getDecoder().decode(m.group(part));
                for (int i = 0; i < bytes.length; i++) {
                    byte[] copy = bytes.clone();
                    copy[i] ^= (byte) (1 << (i % 8));
                    String changed = line.substring(0, m.start(part)) + Base64.getEncoder().encodeToString(copy)
                            + line.substring(m.end(part));
                    Cli.Run run = fx.decrypt(fx.original.replace(line, changed));
                    assertEquals(ExitCode.VALUE_TAMPERED.code(), run.exitCode(), "part " + part + " byte " + i + ": " + run.stderr());
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> macByteFlipped_macMismatch() {
        return both("mac", format -> {
            Fixture fx = new Fixture(format, false);
            String line = fx.line("mac");
            Matcher m = ENC.matcher(line);
            assertTrue(m.find());
            byte[] bytes = Base64.getDecoder().decode(m.group(1));
            for (int i = 0; i < bytes.length; i += 7) {
                byte[] copy = bytes.clone();
                copy[i] ^= 1;
                String changed = line.substring(0, m.start(1)) + Base64.getEncoder().encodeToString(copy) + line.substring(m.end(1));
                fx.expect(ExitCode.MAC_MISMATCH, s -> s.replace(line, changed));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> macReplacedWithOtherFilesMac_macMismatch() {
        return both("other file's mac", format -> {
            Fixture fx = new Fixture(format, false);
            Fixture other = new Fixture(format, true);
            fx.expect(ExitCode.MAC_MISMATCH, s -> s.replace(fx.line("mac"), other.line("mac")));
        });
    }

    @TestFactory
    Stream<DynamicTest> macRemoved_macMismatch() {
        return both("mac removed", format -> {
            Fixture fx = new Fixture(format, false);
            // JSON: the mac line sits between others, so dropping it keeps the object valid.
            fx.expect(ExitCode.MAC_MISMATCH, s -> s.replace(fx.line("mac") + "\n", ""));
        });
    }

    @TestFactory
    Stream<DynamicTest> lastmodifiedChanged_macMismatch() {
        return both("lastmodified", format -> {
            Fixture fx = new Fixture(format, false);
            Matcher m = Pattern.compile("\\d\\dZ").matcher(fx.line("lastmodified"));
            assertTrue(m.find());
            String seconds = m.group();
            String changed = fx.line("lastmodified").replace(seconds, (seconds.charAt(1) == '0' ? seconds.charAt(0) + "1" : seconds.charAt(0) + "0") + "Z");
            fx.expect(ExitCode.MAC_MISMATCH, s -> s.replace(fx.line("lastmodified"), changed));
        });
    }

    @TestFactory
    Stream<DynamicTest> nestedKeyRenamed_valueTampered() {
        return both("db.password renamed", format -> {
            Fixture fx = new Fixture(format, false);
            fx.expect(ExitCode.VALUE_TAMPERED, s -> s.replace(fx.line("password"), fx.line("password").replace("password", "passwort")));
        });
    }

    @TestFactory
    Stream<DynamicTest> twoValuesSwapped_valueTampered() {
        return both("db.password and db.user values swapped", format -> {
            Fixture fx = new Fixture(format, false);
            Matcher a = ENC.matcher(fx.line("password"));
            Matcher b = ENC.matcher(fx.line("user"));
            assertTrue(a.find() && b.find());
            fx.expect(ExitCode.VALUE_TAMPERED, s -> s.replace(a.group(), "@A@").replace(b.group(), a.group()).replace("@A@", b.group()));
        });
    }

    @TestFactory
    Stream<DynamicTest> twoKeysReordered_macMismatch() {
        return both("db.password and db.port lines swapped", format -> {
            Fixture fx = new Fixture(format, false);
            String a = fx.line("password");
            String b = fx.line("port");
            fx.expect(ExitCode.MAC_MISMATCH, s -> s.replace(a + "\n" + b, b + "\n" + a));
        });
    }

    @TestFactory
    Stream<DynamicTest> unencryptedValueChanged_macMismatch() {
        return both("public_unencrypted changed", format -> {
            Fixture fx = new Fixture(format, false);
            fx.expect(ExitCode.MAC_MISMATCH, s -> s.replace("visible", "visiblX"));
        });
    }

    @TestFactory
    Stream<DynamicTest> unencryptedValueChangedMacOnlyEncrypted_decryptsWithTheChange() {
        return both("public_unencrypted changed, mac_only_encrypted", format -> {
            Fixture fx = new Fixture(format, true);
            assertTrue(fx.original.contains("mac_only_encrypted"), fx.original);
            Cli.Run run = fx.decrypt(fx.original.replace("visible", "visiblX"));
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(Files.readString(fx.home.resolve("out." + format)).contains("visiblX"));
        });
    }

    @TestFactory
    Stream<DynamicTest> recipientAdded_stillDecryptsAsSops() {
        return both("a third recipient entry added", format -> {
            Fixture fx = new Fixture(format, false);
            Keys third = Keys.create(fx.home.resolve("third.txt"));
            String tampered = format.equals("ini")
                    ? fx.original.replace("\n[sops]\n", "\n[sops]\nage__list_2__map_enc = -----BEGIN AGE ENCRYPTED FILE-----"
                            + "\\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\\n-----END AGE ENCRYPTED FILE-----\\n\n"
                            + "age__list_2__map_recipient = " + third.recipient() + "\n")
                    : format.equals("yaml")
                    ? fx.original.replace("    age:\n", "    age:\n        - recipient: " + third.recipient()
                            + "\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n"
                            + "            YWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n            -----END AGE ENCRYPTED FILE-----\n")
                    : fx.original.replace("\t\t\"age\": [\n", "\t\t\"age\": [\n\t\t\t{\n\t\t\t\t\"recipient\": \"" + third.recipient()
                            + "\",\n\t\t\t\t\"enc\": \"-----BEGIN AGE ENCRYPTED FILE-----\\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\\n"
                            + "-----END AGE ENCRYPTED FILE-----\\n\"\n\t\t\t},\n");
            assertNotEquals(fx.original, tampered);
            // The recipient list is not authenticated, in sops either: the holder of a real key still decrypts.
            Cli.Run run = fx.decrypt(tampered);
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(Files.readString(fx.home.resolve("out." + format), StandardCharsets.UTF_8).contains("correct horse"));
            // The added recipient cannot: it holds no wrapped data key.
            Files.writeString(fx.home.resolve("tampered." + format), tampered);
            Cli.Run asThird = new Cli(fx.home).env("SOPS_AGE_KEY_FILE", third.file().toString())
                    .run("decrypt", "tampered." + format);
            assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY.code(), asThird.exitCode(), asThird.stderr());
            assertEquals(0, asThird.stdout().length);
        });
    }
}
