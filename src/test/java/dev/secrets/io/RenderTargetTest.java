package dev.secrets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderTargetTest {
    private static final byte[] OLD = "OLD=good\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "NEW=value\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void write_newFile_contentWithMode0600OwnedByCaller() throws Exception {
        Path out = dir.resolve(".env");
        RenderTarget.write(out, NEW, null);
        assertArrayEquals(NEW, Files.readAllBytes(out));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals(Files.getOwner(dir), Files.getOwner(out));
        assertEquals(List.of(out), list(dir), "no temporary file left");
    }

    @Test
    void write_existingWorldReadableFile_replacedAnd0600() throws Exception {
        Path out = dir.resolve(".env");
        Files.write(out, OLD);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        RenderTarget.write(out, NEW, null);
        assertArrayEquals(NEW, Files.readAllBytes(out));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void write_modeGiven_thatMode() throws Exception {
        Path out = dir.resolve(".env");
        RenderTarget.write(out, NEW, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void write_symlink_refusedAndNeitherLinkNorTargetTouched() throws Exception {
        Path real = dir.resolve("real");
        Files.write(real, OLD);
        Path link = Files.createSymbolicLink(dir.resolve(".env"), real);
        RenderTarget.SymlinkTargetException e = assertThrows(RenderTarget.SymlinkTargetException.class,
                () -> RenderTarget.write(link, NEW, null));
        assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("symbolic link"));
        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(OLD, Files.readAllBytes(real));
        assertThrows(RenderTarget.SymlinkTargetException.class, () -> RenderTarget.check(link, OLD));
    }

    @Test
    void write_danglingSymlink_refused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve(".env"), dir.resolve("nowhere"));
        assertThrows(RenderTarget.SymlinkTargetException.class, () -> RenderTarget.write(link, NEW, null));
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void write_folder_notRegularFileRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve(".env"));
        assertThrows(AtomicFiles.NotRegularFileException.class, () -> RenderTarget.write(folder, NEW, null));
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void write_missingFolder_failsWithoutCreatingAnything() {
        Path out = dir.resolve("missing").resolve(".env");
        assertThrows(java.io.IOException.class, () -> RenderTarget.write(out, NEW, null));
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    /**
     * A write that fails half-way (the file size limit of {@code ulimit -f} makes the temp file's write fail with
     * EFBIG, like a full disk, and unlike a read-only folder it also works as root) leaves the old file
     * byte-identical and no temporary file behind.
     */
    @Test
    void write_failsMidWrite_existingFileUntouchedAndNoTempLeft() throws Exception {
        Path out = dir.resolve(".env");
        Files.write(out, OLD);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder("bash", "-c", "ulimit -f 4; exec \"$@\"", "_", java,
                "-XX:-UsePerfData", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                WriteMain.class.getName(), out.toString(), "100000").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, process.waitFor(), output);
        assertTrue(output.contains("File too large"), output);
        assertArrayEquals(OLD, Files.readAllBytes(out));
        assertEquals(List.of(out), list(dir), "no temporary file left");
    }

    @Test
    void write_unwritableFolderAsNonRoot_existingFileUntouched() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root ignores folder permissions; see write_failsMidWrite_existingFileUntouchedAndNoTempLeft");
        Path out = dir.resolve(".env");
        Files.write(out, OLD);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThrows(java.io.IOException.class, () -> RenderTarget.write(out, NEW, null));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        assertArrayEquals(OLD, Files.readAllBytes(out));
    }

    @Test
    void check_sameContent_sameAndNothingWritten() throws Exception {
        Path out = dir.resolve(".env");
        Files.write(out, OLD);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        var before = Files.getLastModifiedTime(out);
        assertEquals(RenderTarget.CheckResult.SAME, RenderTarget.check(out, OLD.clone()));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals(before, Files.getLastModifiedTime(out));
    }

    @Test
    void check_differentOrMissing_differsAndNothingWritten() throws Exception {
        Path out = dir.resolve(".env");
        assertEquals(RenderTarget.CheckResult.DIFFERS, RenderTarget.check(out, NEW));
        assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
        Files.write(out, OLD);
        assertEquals(RenderTarget.CheckResult.DIFFERS, RenderTarget.check(out, NEW));
        byte[] sameLength = OLD.clone();
        sameLength[sameLength.length - 2] ^= 1;
        assertEquals(RenderTarget.CheckResult.DIFFERS, RenderTarget.check(out, sameLength));
        assertEquals(RenderTarget.CheckResult.DIFFERS, RenderTarget.check(out, new byte[0]));
        assertArrayEquals(OLD, Files.readAllBytes(out));
        Path empty = Files.createFile(dir.resolve("empty"));
        assertEquals(RenderTarget.CheckResult.SAME, RenderTarget.check(empty, new byte[0]));
        assertNotEquals(RenderTarget.CheckResult.SAME, RenderTarget.check(empty, NEW));
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    /** Writes {@code args[1]} bytes to {@code args[0]} with {@link RenderTarget}; exit 3 and the error on failure. */
    public static final class WriteMain {
        public static void main(String[] args) {
            try {
                RenderTarget.write(Path.of(args[0]), new byte[Integer.parseInt(args[1])], null);
            } catch (java.io.IOException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
