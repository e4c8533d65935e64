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

    @Test
    void exitCodes_everyExitMentionedInDocs_isARealCode() throws Exception {
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        for (ExitCode code : ExitCode.values()) {
            codes.add(code.code());
        }
        java.util.regex.Pattern exit = java.util.regex.Pattern.compile("(?i)\\bexits? (?:with )?(?:code )?(\\d{1,3})\\b");
        java.util.List<String> wrong = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("docs"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                String[] lines = Files.readString(file).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    java.util.regex.Matcher m = exit.matcher(lines[i]);
                    while (m.find()) {
                        if (!codes.contains(Integer.parseInt(m.group(1)))) {
                            wrong.add(file + ":" + (i + 1) + " exit " + m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), "docs name exit codes the program does not have: " + wrong);
    }
}
