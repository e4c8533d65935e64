package dev.secrets.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every exit code the program can return has a row in docs/exit-codes.md. */
class ExitCodesDocumentedTest {
    @Test
    void exitCodes_everyCode_hasARowInTheDocs() throws Exception {
        String doc = Files.readString(Path.of("docs/exit-codes.md"));
        for (ExitCode code : ExitCode.values()) {
            assertTrue(doc.contains("\n| " + code.code() + " |"), code + " (" + code.code() + ") is not documented");
        }
    }
}
