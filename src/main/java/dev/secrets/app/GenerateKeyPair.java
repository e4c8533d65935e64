package dev.secrets.app;

import dev.secrets.age.AgeKeyPair;
import dev.secrets.age.IdentityDiscovery;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.BoundedFiles;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * {@code secrets keygen}: a new age X25519 (or, with {@code --pq}, post-quantum hybrid) identity in
 * {@code age-keygen}'s format, and {@code keygen -y}
 * (the recipients of an identity file). Key files are owner-only (0600) and never overwritten: a given output
 * must not exist; the default keys file gets the new identity appended, its old identities kept.
 */
public final class GenerateKeyPair {
    private GenerateKeyPair() {
    }

    /**
     * Where the identity goes.
     *
     * @param output a file that must not exist yet, or null for the sops default keys file (appended to)
     * @param toStdout return the identity instead of writing it ({@code -o -})
     * @param hybrid a post-quantum hybrid identity ({@code AGE-SECRET-KEY-PQ-1...}) instead of X25519
     */
    public record Request(Path output, boolean toStdout, boolean hybrid) {
        /** An X25519 identity. */
        public Request(Path output, boolean toStdout) {
            this(output, toStdout, false);
        }
    }

    /**
     * The new identity's recipient, and where it went.
     *
     * @param recipient the public key ({@code age1...})
     * @param file the file written, or null for stdout
     * @param appended true when added to an existing keys file
     * @param identity the keys-file text when {@code toStdout} (the caller prints and destroys it), else null
     */
    public record Result(String recipient, Path file, boolean appended, SecretBytes identity) {
    }

    /** Generates and stores a new identity. */
    public static Result run(Request request, Environment env, Clock clock) throws KeyException, FileAccessException,
            UsageException {
        AgeKeyPair pair = request.hybrid() ? AgeKeyPair.generateHybrid() : AgeKeyPair.generate();
        try (Holder text = new Holder(pair.keysFile(ZonedDateTime.ofInstant(clock.instant(), ZoneId.systemDefault())))) {
            if (request.toStdout()) {
                return new Result(pair.recipient(), null, false, SecretBytes.copyOf(text.bytes()));
            }
            if (request.output() != null) {
                Path target = env.resolve(request.output());
                createNew(target, text.bytes());
                return new Result(pair.recipient(), target, false, null);
            }
            Path target = IdentityDiscovery.defaultKeysFile(env).orElseThrow(() -> new UsageException(
                    UsageException.Kind.CONFLICT, "XDG_CONFIG_HOME is not an absolute path: pass -o FILE"));
            return appendTo(target, text.bytes(), pair.recipient());
        } finally {
            pair.destroy();
        }
    }

    /** The recipient of every identity in {@code file}, or in {@code stdin} when {@code file} is null. */
    public static List<String> recipientsOf(Path file, byte[] stdin, Environment env) throws KeyException {
        return file != null ? AgeKeyPair.recipientsOf(env.resolve(file))
                : AgeKeyPair.recipientsOf(stdin, "stdin");
    }

    private static void createNew(Path target, byte[] content) throws FileAccessException {
        try {
            AtomicFiles.createNew(target, content);
        } catch (FileAlreadyExistsException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target,
                    "it already exists and keygen never overwrites a key file", e);
        } catch (NoSuchFileException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target, "the folder does not exist", e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target, e.getMessage(), e);
        }
    }

    private static Result appendTo(Path target, byte[] identity, String recipient) throws FileAccessException {
        byte[] old;
        try {
            old = BoundedFiles.read(target, BoundedFiles.MAX_SMALL_FILE);
        } catch (NoSuchFileException e) {
            try {
                Files.createDirectories(target.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException io) {
                throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target.getParent(),
                        io.getMessage(), io);
            }
            createNew(target, identity);
            return new Result(recipient, target, false, null);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, target, e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(old.length + identity.length + 1);
        out.writeBytes(old);
        if (old.length > 0 && old[old.length - 1] != '\n') {
            out.write('\n');
        }
        out.writeBytes(identity);
        byte[] combined = out.toByteArray();
        try {
            FileIo.write(target, combined, AtomicFiles.OWNER_RW);
        } finally {
            SecretBytes.wipe(old);
            SecretBytes.wipe(combined);
        }
        return new Result(recipient, target, true, null);
    }

    /** The keys-file text, wiped on close. */
    private static final class Holder implements AutoCloseable {
        private final SecretBytes secret;
        private final byte[] bytes;

        Holder(SecretBytes secret) {
            this.secret = secret;
            this.bytes = secret.copy();
        }

        byte[] bytes() {
            return bytes;
        }

        @Override
        public void close() {
            SecretBytes.wipe(bytes);
            secret.destroy();
        }
    }
}
