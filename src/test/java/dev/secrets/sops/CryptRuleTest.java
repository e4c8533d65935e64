package dev.secrets.sops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CryptRuleTest {
    private static CryptRule regex(String value) {
        return new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, value);
    }

    @Test
    void validated_re2Syntax_accepted() {
        for (String ok : List.of("^(DB_|API_)", "PASS(WORD)?$", "[A-Z]+_KEY", "a{2,3}", "(?i)secret", "\\d+", "a+?")) {
            assertDoesNotThrow(() -> regex(ok).validated(), ok);
        }
    }

    @Test
    void validated_javaOnlySyntax_refusedBecauseSopsCouldNotReadTheFile() {
        for (String bad : List.of("(?=x)", "(?!x)", "(?<=x)y", "(?<!x)y", "(?>x)", "(a)\\1", "a*+", "a++", "a?+", "a{2}+")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> regex(bad).validated(), bad);
            assertTrue(e.getMessage().contains("RE2"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> regex("([").validated());
    }

    @Test
    void shouldEncrypt_regexAndSuffixRules_asSops() {
        assertTrue(regex("^DB_").shouldEncrypt(List.of("DB_PASSWORD"), List.of(), false));
        assertFalse(regex("^DB_").shouldEncrypt(List.of("LOG_LEVEL"), List.of(), false));
        assertFalse(CryptRule.DEFAULT.shouldEncrypt(List.of("NAME_unencrypted"), List.of(), false));
        assertTrue(CryptRule.DEFAULT.shouldEncrypt(List.of(), List.of(" a comment"), true), "root comments encrypted");
        assertFalse(regex("([").shouldEncrypt(List.of("x"), List.of(), false), "invalid regex matches nothing, as sops");
    }
}
