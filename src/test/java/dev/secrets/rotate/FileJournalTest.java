package dev.secrets.rotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
    @TempDir
    Path folder;

    @Test
    void record_thenReopen_pendingValueSurvivesSealedAndOwnerOnly() throws Exception {
        TestSealer sealer = new TestSealer();
        Path path = folder.resolve("j");
        new FileJournal(path, sealer).record("DB_PASSWORD", SecretBytes.ofUtf8("the-new-value"));

        FileJournal reopened = new FileJournal(path, sealer);
        assertEquals(Set.of("DB_PASSWORD"), reopened.pendingKeys());
        assertEquals("the-new-value", reopened.pending("DB_PASSWORD").orElseThrow().toUtf8());
        assertFalse(Files.readString(path).contains("the-new-value"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        reopened.clear("DB_PASSWORD");
        assertEquals(Optional.empty(), reopened.pending("DB_PASSWORD"));
        assertFalse(Files.exists(path), "empty journal is deleted");
    }

    @Test
    void markRotated_perRun_trackedUntilFinished() throws Exception {
        FileJournal journal = new FileJournal(folder.resolve("j"), new TestSealer());
        journal.markRotated("A,B", "A");
        journal.markRotated("C", "C");
        assertEquals(Set.of("A"), journal.rotatedIn("A,B"));
        journal.finishRun("A,B");
        assertEquals(Set.of(), journal.rotatedIn("A,B"));
        assertEquals(Set.of("C"), journal.rotatedIn("C"));
    }

    @Test
    void pending_tamperedOrForeignFile_fails() throws Exception {
        Path path = folder.resolve("j");
        FileJournal journal = new FileJournal(path, new TestSealer());
        journal.record("K", SecretBytes.ofUtf8("v"));
        FileJournal otherKey = new FileJournal(path, new TestSealer());
        assertThrows(IOException.class, () -> otherKey.pending("K"));
        Files.writeString(path, "something else\n");
        IOException e = assertThrows(IOException.class, journal::pendingKeys);
        assertTrue(e.getMessage().contains("not a rotation journal"));
    }
}
