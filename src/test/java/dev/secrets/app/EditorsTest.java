package dev.secrets.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.io.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vim and neovim get options that keep plaintext out of viminfo, backup and undo files; others are left alone. */
class EditorsTest {
    private static final Environment ENV = new Environment(Map.of("PATH", "/usr/bin:/bin"), Path.of("/"), Path.of("/"));

    @Test
    void hardened_vim_noViminfoBackupOrUndo() {
        assertEquals(List.of("/usr/bin/vim", "-i", "NONE", "--cmd", "set nobackup nowritebackup noundofile", "-u", "NONE"),
                Editors.hardened(List.of("/usr/bin/vim", "-u", "NONE"), ENV));
        assertEquals(List.of("nvim", "-i", "NONE", "--cmd", "set nobackup nowritebackup noundofile"),
                Editors.hardened(List.of("nvim"), ENV));
    }

    @Test
    void hardened_otherEditors_unchanged() {
        assertEquals(List.of("nano"), Editors.hardened(List.of("nano"), ENV));
        assertEquals(List.of("code", "--wait"), Editors.hardened(List.of("code", "--wait"), ENV));
    }
}
