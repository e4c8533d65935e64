package dev.secrets.rotate;

import dev.secrets.io.Environment;
import dev.secrets.rotate.appliers.StandardAppliers;
import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

/**
 * A separate JVM for {@link KillDuringRotationTest}: runs a rotation over a {@link LinesFileStore}, and when it is
 * about to write key {@code BLOCK_COMMIT_OF} announces {@code COMMIT <key>} on stdout and waits to be killed.
 * Arguments: playbook, store file, journal file. The journal's sealing key comes in env {@code SEAL_KEY}.
 */
public final class RotationChild {
    private RotationChild() {
    }

    /** Entry point of the child process. */
    public static void main(String[] args) throws Exception {
        Playbook playbook = PlaybookLoader.load(Path.of(args[0]));
        String blockKey = System.getenv("BLOCK_COMMIT_OF");
        LinesFileStore inner = new LinesFileStore(Path.of(args[1]));
        RotationStore store = new RotationStore() {
            @Override
            public void backup() throws java.io.IOException {
                inner.backup();
            }

            @Override
            public void commit(Map<String, SecretBytes> changes) throws java.io.IOException {
                if (changes.containsKey(blockKey)) {
                    System.out.println("COMMIT " + blockKey);
                    System.out.flush();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    System.exit(3); // not killed: the parent test fails on this exit code
                }
                inner.commit(changes);
            }
        };
        FileJournal journal = new FileJournal(Path.of(args[2]),
                new TestSealer(HexFormat.of().parseHex(System.getenv("SEAL_KEY"))));
        Environment env = new Environment(Map.of("PATH", "/usr/bin:/bin"), Path.of("."), Path.of("."));
        new CredentialRotation(new StandardAppliers(env), new SecretGenerator(), ManualInput.UNAVAILABLE,
                RotationListener.SILENT).run(playbook, inner.secrets(), CredentialRotation.Request.all(), store,
                        journal);
        System.exit(0);
    }
}
