package dev.secrets.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineSplitterTest {
    @Test
    void split_quotesAndEscapes_followShellRules() {
        assertEquals(List.of("pass", "show", "age key", "it's", "a\"b", "$HOME", "x y"),
                CommandLineSplitter.split("pass  show 'age key' it\\'s \"a\\\"b\" '$HOME' x\\ y"));
    }

    @Test
    void split_comment_endsTheLine() {
        assertEquals(List.of("cat", "keys#1"), CommandLineSplitter.split("cat keys#1 # the rest"));
    }

    @Test
    void split_unterminatedQuote_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> CommandLineSplitter.split("cat 'keys"));
        assertThrows(IllegalArgumentException.class, () -> CommandLineSplitter.split("cat \"keys"));
    }

    @Test
    void split_blank_givesNoWords() {
        assertEquals(List.of(), CommandLineSplitter.split("  \t "));
    }
}
