package dev.secrets.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plaintexts Go's strconv (and so sops) accepts for each type tag, edge cases included. */
class TypedPlaintextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int|5432|true", "int|-7|true", "int|+7|true", "int|007|true", "int|9223372036854775807|true",
            "int|9223372036854775808|false", "int|1_000|false", "int|0x10|false", "int|1.0|false", "int|' 1'|false",
            "int|''|false", "int|\u0661|false", "int|db.example.com|false",
            "float|1.5|true", "float|1.|true", "float|.5|true", "float|1e10|true", "float|-1E-3|true",
            "float|Inf|true", "float|-infinity|true", "float|NaN|true", "float|+nan|false", "float|infin|false",
            "float|0x1p-2|true", "float|0x1.8P1|true", "float|0x_1p0|true", "float|0x1_0p1_0|true",
            "float|0x1|false", "float|1_000.5|false", "float|0x1__0p0|false", "float|1e400|false", "float|1e-400|true",
            "float|.|false", "float|1e|false", "float|abc|false", "float|1.5f|false", "float|' 1.5'|false",
            "bool|true|true", "bool|T|true", "bool|0|true", "bool|False|true", "bool|yes|false", "bool|maybe|false",
            "bool|tRUE|false",
            "time|2024-01-02T03:04:05Z|true", "time|2024-01-02T03:04:05.123+02:00|true",
            "time|2024-01-02 03:04:05Z|false", "time|2024-02-30T03:04:05Z|false", "time|2024-01-02T03:04Z|false",
            "str|anything|true", "comment|anything|true", "bytes|anything|true", "weird|x|false"})
    void matches_goRules_sameAnswer(String type, String text, boolean expected) {
        assertEquals(expected, TypedPlaintext.matches(type, text.getBytes(StandardCharsets.UTF_8)), type + " " + text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3.8.1|true", "v3.8.1|true", "1.anything|true", "3.8.1-rc.1+b.2|true",
            "3.8|false", "3.8.1-01|false", "3.8.1-0a|true", "3.8.1+|false", "3.8.1+a.|false", "''|false",
            "18446744073709551616.0.0|false", "3.8.1-x_y|false"})
    void isAccepted_blangSemverRules_sameAnswer(String version, boolean expected) {
        assertEquals(expected, SopsVersion.isAccepted(version), version);
    }
}
