package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.secret.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybookLoaderTest {
    private static Playbook parse(String yaml) throws PlaybookException {
        return PlaybookLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "pb.yaml");
    }

    private static PlaybookException error(String yaml) {
        return assertThrows(PlaybookException.class, () -> parse(yaml));
    }

    @Test
    void parse_issuePlaybook_readsEveryEntry() throws Exception {
        Playbook playbook = parse(CredentialRotationTest.ISSUE_PLAYBOOK);
        assertEquals(List.of("POSTGRES_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "ANTHROPIC_API_KEY"),
                playbook.credentials().stream().map(Credential::key).toList());
        Credential pg = playbook.credentials().get(0);
        assertEquals(new ValueRecipe.RandomBytes(32, SecretGenerator.Encoding.BASE64URL, false), pg.recipe());
        assertEquals(new ApplySpec.Postgres("POSTGRES_HOST", "POSTGRES_PORT", Optional.of("POSTGRES_DB"),
                "POSTGRES_USER", Optional.of("POSTGRES_MIGRATOR_USER"), Optional.of("POSTGRES_MIGRATOR_PASSWORD")),
                pg.apply());
        assertEquals(new ApplySpec.Redis("REDIS_HOST", "REDIS_PORT", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), playbook.credentials().get(1).apply());
        assertInstanceOf(ApplySpec.None.class, playbook.credentials().get(2).apply());
        assertTrue(playbook.credentials().get(3).isManual());
        assertEquals(3, pg.line());
    }

    @Test
    void parse_unknownField_namesFieldLineAndAllowed() {
        PlaybookException e = error("version: 1\ncredentials:\n  - key: A_PASSWORD\n    apply:\n"
                + "      postgres: {host_key: H, port_key: P, role_key: R,\n                 hots_key: X}\n");
        assertEquals(6, e.line());
        assertTrue(e.getMessage().startsWith("[pb.yaml:6] unknown field [hots_key] in credential [A_PASSWORD]"
                + " apply.postgres"), e.getMessage());
        assertTrue(e.getMessage().contains("allowed: host_key"), e.getMessage());
    }

    @Test
    void parse_unknownTopLevelField_rejected() {
        assertTrue(error("version: 1\ncredential: []\n").getMessage().contains("unknown field [credential]"));
    }

    @Test
    void parse_duplicateCredential_rejectedAtSecondLine() {
        PlaybookException e = error("version: 1\ncredentials:\n  - key: A\n  - key: A\n");
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("[A] is listed twice"));
    }

    @Test
    void parse_duplicateYamlField_rejected() {
        assertTrue(error("version: 1\nversion: 1\n").getMessage().contains("[version] appears twice"));
    }

    @Test
    void parse_unknownEncoding_rejectedNamingIt() {
        PlaybookException e = error("version: 1\ncredentials:\n  - key: A\n    generate: {bytes: 32, encoding: b32}\n");
        assertTrue(e.getMessage().contains("unknown encoding [b32]"), e.getMessage());
    }

    @Test
    void parse_manualAndApply_rejected() {
        PlaybookException e = error("version: 1\ncredentials:\n  - key: A\n    manual: do it\n    apply: none\n");
        assertTrue(e.getMessage().contains("both [manual] and [apply]"), e.getMessage());
    }

    @Test
    void parse_weakBytesOrPassword_rejectedUnlessAllowWeak() throws Exception {
        assertTrue(error("version: 1\ncredentials:\n  - key: A\n    generate: {bytes: 8}\n").getMessage()
                .contains("allow_weak"));
        assertTrue(error("version: 1\ncredentials:\n  - key: A\n    generate: {length: 10}\n").getMessage()
                .contains("128 bits"));
        Playbook ok = parse("version: 1\ncredentials:\n  - key: A\n    allow_weak: true\n    generate: {length: 10}\n");
        assertInstanceOf(ValueRecipe.Password.class, ok.credentials().get(0).recipe());
    }

    @Test
    void parse_wrongVersion_rejected() {
        assertTrue(error("version: 2\ncredentials: []\n").getMessage().contains("unsupported version 2"));
    }

    @Test
    void parse_dependsOnAndOrder_ordersDependenciesFirst() throws Exception {
        Playbook playbook = parse("version: 1\ncredentials:\n  - key: A\n    depends_on: [B]\n  - key: B\n"
                + "  - key: C\n    order: 0\n");
        assertEquals(List.of("C", "B", "A"), playbook.credentials().stream().map(Credential::key).toList());
    }

    @Test
    void parse_dependencyCycleOrUnknown_rejected() {
        assertTrue(error("version: 1\ncredentials:\n  - key: A\n    depends_on: B\n  - key: B\n    depends_on: A\n")
                .getMessage().contains("cycle"));
        assertTrue(error("version: 1\ncredentials:\n  - key: A\n    depends_on: Z\n").getMessage()
                .contains("unknown key [Z]"));
    }

    @Test
    void parse_commandWithVerifyAndTimeout_read() throws Exception {
        Playbook playbook = parse("version: 1\ncredentials:\n  - key: T\n    apply:\n      command:\n"
                + "        run: [./set.sh, --quiet]\n        verify: [./check.sh]\n        timeout: 2m\n");
        assertEquals(new ApplySpec.Command(List.of("./set.sh", "--quiet"), Optional.of(List.of("./check.sh")),
                Duration.ofMinutes(2)), playbook.credentials().get(0).apply());
    }

    @Test
    void parse_invalidYaml_reportsLineWithoutEchoingContent() {
        PlaybookException e = error("version: 1\ncredentials:\n  - key: A\n   generate: {bytes: 32\n  secret-ish: x\n");
        assertTrue(e.line() > 0, e.getMessage());
        assertTrue(!e.getMessage().contains("secret-ish"), e.getMessage());
    }

    @Test
    void guess_typicalKeys_writesAPlaybookThatLoads() throws Exception {
        String yaml = PlaybookGuesser.guess(List.of("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "POSTGRES_USER",
                "POSTGRES_PASSWORD", "POSTGRES_MIGRATOR_USER", "POSTGRES_MIGRATOR_PASSWORD", "REDIS_HOST",
                "REDIS_PORT", "REDIS_PASSWORD", "JWT_SECRET", "ANTHROPIC_API_KEY", "SMTP_PASSWORD", "LOG_LEVEL",
                "STRIPE_PUBLIC_KEY"));
        Playbook playbook = parse(yaml);
        assertEquals(List.of("POSTGRES_PASSWORD", "POSTGRES_MIGRATOR_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET",
                "ANTHROPIC_API_KEY", "SMTP_PASSWORD"), playbook.credentials().stream().map(Credential::key).toList());
        assertEquals(new ApplySpec.Postgres("POSTGRES_HOST", "POSTGRES_PORT", Optional.of("POSTGRES_DB"),
                "POSTGRES_USER", Optional.of("POSTGRES_MIGRATOR_USER"), Optional.of("POSTGRES_MIGRATOR_PASSWORD")),
                playbook.credentials().get(0).apply());
        assertEquals(new ApplySpec.Postgres("POSTGRES_HOST", "POSTGRES_PORT", Optional.of("POSTGRES_DB"),
                "POSTGRES_MIGRATOR_USER", Optional.empty(), Optional.empty()), playbook.credentials().get(1).apply());
        assertInstanceOf(ApplySpec.Redis.class, playbook.credentials().get(2).apply());
        assertInstanceOf(ApplySpec.None.class, playbook.credentials().get(3).apply());
        assertTrue(playbook.credentials().get(4).isManual());
        assertTrue(yaml.startsWith("# Rotation playbook"));
    }

    @Test
    void guess_noCredentialKeys_stillLoads() throws Exception {
        assertEquals(0, parse(PlaybookGuesser.guess(List.of("LOG_LEVEL", "PORT"))).credentials().size());
    }

    @Test
    void guess_thirdPartyAndUnclearKeys_manualNeverReplacedEachWithAReason() throws Exception {
        List<String> keys = List.of("STRIPE_SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "SENDGRID_API_KEY",
                "OPENAI_API_KEY", "SLACK_SIGNING_SECRET", "FIELD_ENCRYPTION_KEY", "SOME_SECRET", "SECRET_KEY",
                "JWT_SECRET", "WEBHOOK_SIGNING_KEY");
        String yaml = PlaybookGuesser.guess(keys);
        Playbook playbook = parse(yaml);
        for (Credential c : playbook.credentials()) {
            boolean internal = List.of("SECRET_KEY", "JWT_SECRET", "WEBHOOK_SIGNING_KEY").contains(c.key());
            assertEquals(!internal, c.isManual(), c.key());
            assertTrue(yaml.matches("(?s).*- key: " + c.key() + " +# guessed: .*"), c.key() + " says why");
        }
        assertEquals(keys.size(), playbook.credentials().size());
    }

    @Test
    void parse_urlKeyAndAlsoIn_readsThem() throws Exception {
        Playbook playbook = parse("version: 1\ncredentials:\n  - key: DATABASE_URL\n"
                + "    apply: {postgres: {url_key: DATABASE_URL}}\n    also_in: [CELERY_RESULT_BACKEND]\n");
        Credential c = playbook.credentials().get(0);
        assertEquals(List.of("CELERY_RESULT_BACKEND"), c.alsoIn());
        assertEquals(new ApplySpec.Postgres(null, null, Optional.empty(), null, Optional.empty(), Optional.empty(),
                Optional.of("DATABASE_URL")), c.apply());
    }

    @Test
    void parse_noUrlKeyNoHostKey_refusedNamingBoth() {
        PlaybookException e = error("version: 1\ncredentials:\n  - key: P\n    apply: {postgres: {port_key: X,"
                + " role_key: Y}}\n");
        assertTrue(e.getMessage().contains("[host_key] (or give url_key)"), e.getMessage());
    }
}
