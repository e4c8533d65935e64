package dev.secrets.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The typed-value texts of the spec (§1.4, §4.3), for values sops wrote into dotenv files with `set`. */
class TypedValuesTest {
    private static String mac(String type, String text) {
        return new String(TypedValues.macBytes(Scalar.of(type, text.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    private static String dotenv(String type, String text) {
        return new String(TypedValues.dotenvBytes(Scalar.of(type, text.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    @Test
    void macBytes_followGoToBytes() {
        assertEquals("True", mac("bool", "true"));
        assertEquals("False", mac("bool", "0"));
        assertEquals("-12", mac("int", "-12"));
        assertEquals("1.5", mac("float", "1.5"));
        assertEquals("3", mac("float", "3"));
        assertEquals("0.000001", mac("float", "1e-6"));
        assertEquals("-0", mac("float", "-0"));
        assertEquals("as is", mac("str", "as is"));
    }

    @Test
    void dotenvBytes_followGoValToString() {
        assertEquals("8080.0", dotenv("float", "8080"));
        assertEquals("1.234567E+06", dotenv("float", "1234567"));
        assertEquals("true", dotenv("bool", "True"));
        assertEquals("42", dotenv("int", "42"));
        assertEquals("x\ny", dotenv("str", "x\ny"));
    }
}
