package dev.secrets.app;

import dev.secrets.age.AgeFiles;
import dev.secrets.config.ConfigException;
import dev.secrets.dotenv.DotenvParser;
import dev.secrets.dotenv.DotenvPitfalls;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.BoundedFiles;
import dev.secrets.io.EditorProcess;
import dev.secrets.io.Environment;
import dev.secrets.io.LockFile;
import dev.secrets.io.PrivateTempDir;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.SopsTree;
import dev.secrets.sops.store.SopsStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code secrets edit}: decrypts to a private temporary file, runs the user's editor on it and writes back only
 * what changed (unchanged values keep their exact ciphertext, so git diffs stay minimal).
 *
 * <p>Guarantees: the plaintext exists only in a {@link PrivateTempDir} (0700 folder, 0600 file, memory-backed
 * storage when there is one) that is overwritten and deleted on every exit path, including SIGINT/SIGTERM
 * (which stop the editor, after which this returns normally) and JVM shutdown. The encrypted file is replaced
 * atomically or not at all. Text that cannot be applied (invalid, or the file changed on disk meanwhile) is
 * never lost: it is saved encrypted to the file's recipients beside the file. A lock file {@code .FILE.lock}
 * refuses a second concurrent edit.
 */
public final class EditSession {
    /** What a new file starts with. */
    static final String TEMPLATE = "# New secrets file: one KEY=value per line. Saved encrypted (SOPS + age) when\n"
            + "# you save and quit; quit without saving to create nothing. Comments are encrypted too.\n"
            + "# DATABASE_URL=postgres://user:password@localhost/app\n";

    private EditSession() {
    }

    /** Asks the user, at a terminal, whether to reopen the editor after an invalid edit. */
    public interface Prompt {
        /**
         * Shows {@code problem} (file, line and column; never content) and asks whether to edit again.
         *
         * @return true to reopen the editor on the user's text, false to save it aside and stop
         */
        boolean reopen(String problem);
    }

    /**
     * What to edit.
     *
     * @param file the encrypted file; created when it does not exist
     * @param age recipients for a new file ({@code --age}; else {@code SOPS_AGE_RECIPIENTS}, then
     *     {@code .sops.yaml}); ignored for an existing file
     * @param config an explicit {@code .sops.yaml} for a new file, or null to search
     * @param identities extra identity files ({@code --identity})
     * @param ignoreMac open a file whose MAC does not verify (a warning is returned)
     * @param resumeFrom a {@code FILE.rejected-*.age} to start from instead of the file's content, or null
     */
    public record Request(Path file, List<String> age, Path config, List<Path> identities, boolean ignoreMac,
            Path resumeFrom) {
    }

    /** How the session ended when it did not fail. */
    public enum Outcome {
        /** The text was not changed: the file was left byte-identical (or, if new, not created). */
        UNCHANGED,
        /** The changes were written. */
        SAVED,
        /** A new file was written. */
        CREATED
    }

    /** The outcome, the file, warnings and notes for {@code --verbose}. */
    public record Result(Outcome outcome, Path file, List<String> warnings, List<String> notes) {
    }

    /**
     * Runs one edit session.
     *
     * @param prompt asks whether to reopen the editor after an invalid edit; null when there is no terminal
     * @throws EditException when nothing was written: no editor, the editor failed, the text was rejected or the
     *     file changed on disk (both saved aside), or another edit holds the lock
     */
    public static Result run(Request request, Environment env, Clock clock, Prompt prompt) throws EditException,
            FileAccessException, DotenvSyntaxException, SopsException, KeyException, ConfigException,
            UsageException {
        Path file = env.resolve(request.file());
        String source = request.file().toString();
        List<String> command = Editors.command(env);
        try (LockFile lock = FileLocks.acquire(file, source, clock);
                Keyring keyring = new Keyring(env, request.identities())) {
            List<String> notes = new ArrayList<>();
            notes.add("holding the lock " + lock.path());
            boolean exists = Files.exists(file);
            // openConflicted: edit is how a merge driver's conflict is resolved, so it must open such a file.
            try (OpenedFile opened = exists
                    ? SecretsFiles.openConflicted(FileIo.read(file), source, keyring, !request.ignoreMac())
                    : NewFiles.create(NewFiles.plan(request.file(), request.age(), request.config(), Map.of(), false,
                            env, notes), source, keyring.wrapper())
                            .withStore(SopsStores.choose(null, source, null))) {
                byte[] current = exists ? opened.store().emitPlain(opened.plain())
                        : template(opened.store().name()).getBytes(StandardCharsets.UTF_8);
                byte[] reference = sha256(current);
                byte[] initial = current;
                if (request.resumeFrom() != null) {
                    Arrays.fill(current, (byte) 0);
                    initial = resumed(env.resolve(request.resumeFrom()), keyring);
                }
                List<String> warnings = new ArrayList<>(opened.warnings());
                Outcome outcome;
                try {
                    outcome = edit(file, source, exists, opened, initial, reference, keyring, env, clock, command,
                            prompt, warnings);
                } catch (EditException e) {
                    throw e.savedAside() == null ? e : e.withHint(IgnoreHint.forLeftover(e.savedAside(), env));
                }
                return new Result(outcome, file, warnings, notes);
            }
        }
    }

    private static Outcome edit(Path file, String source, boolean exists, OpenedFile opened, byte[] initial,
            byte[] reference, Keyring keyring, Environment env, Clock clock, List<String> command, Prompt prompt,
            List<String> warnings) throws EditException, FileAccessException, KeyException, SopsException {
        try (PrivateTempDir folder = createTempDir(env)) {
            Path temp = writeTemp(folder, file, initial);
            Arrays.fill(initial, (byte) 0);
            byte[] rejected = null;
            while (true) {
                EditorProcess.Outcome status = runEditor(command, temp, env);
                if (status.exitCode() != 0 || status.stoppedBy() != null) {
                    Path saved = rejected != null ? saveAside(file, rejected, opened, keyring, clock) : null;
                    throw new EditException(EditException.Kind.EDITOR_FAILED, (status.stoppedBy() != null
                            ? "secrets received SIG" + status.stoppedBy() + " and stopped the editor [" + command.get(0)
                                    + "]" : "the editor [" + command.get(0) + "] " + describeStatus(status.exitCode()))
                            + "; [" + source + "] is unchanged"
                            + (saved != null ? " and your earlier invalid text is saved encrypted as [" + saved + "]"
                                    : ""), saved, null);
                }
                byte[] edited = readTemp(temp, command);
                SecretBytes.wipe(rejected);
                rejected = null;
                try {
                    if (MessageDigest.isEqual(sha256(edited), reference)) {
                        return Outcome.UNCHANGED;
                    }
                    SopsTree tree;
                    List<String> pitfalls;
                    try {
                        tree = opened.store().parsePlain(edited, source);
                        ConflictGuard.refuseMarksLeft(tree, source);
                        pitfalls = opened.store().name().equals("dotenv")
                                ? DotenvPitfalls.warnings(DotenvParser.parse(edited, source), source) : List.of();
                    } catch (DotenvSyntaxException | SopsException e) {
                        String problem = "your edit is not valid: " + e.getMessage();
                        if (prompt != null && prompt.reopen(problem)) {
                            rejected = edited.clone();
                            continue;
                        }
                        Path saved = saveAside(file, edited, opened, keyring, clock);
                        throw new EditException(EditException.Kind.REJECTED, problem + "; [" + source
                                + "] is unchanged and your text is saved encrypted as [" + saved + "]", saved, e);
                    }
                    try {
                        if (changedOnDisk(file, opened)) {
                            Path saved = saveAside(file, edited, opened, keyring, clock);
                            throw new EditException(EditException.Kind.CHANGED_ON_DISK, "[" + source + "] changed on "
                                    + "disk while you were editing; it was not overwritten and your edit is saved "
                                    + "encrypted as [" + saved + "]", saved, null);
                        }
                        byte[] sealed = SecretsFiles.seal(opened, tree, clock);
                        FileIo.write(file, sealed, null);
                        warnings.addAll(pitfalls);
                        return exists ? Outcome.SAVED : Outcome.CREATED;
                    } finally {
                        tree.wipe();
                    }
                } finally {
                    Arrays.fill(edited, (byte) 0);
                }
            }
        }
    }

    /** The first text of a new file: the dotenv template, or the same example in the file's own format. */
    private static String template(String format) {
        switch (format) {
            case "yaml":
                return "# This is an example file.\nhello: Welcome to SOPS! Edit this file as you please!\n"
                        + "example_key: example_value\n";
            case "json":
                return "{\n\t\"hello\": \"Welcome to SOPS! Edit this file as you please!\",\n"
                        + "\t\"example_key\": \"example_value\"\n}\n";
            case "ini":
                return ";  This is an example file.\n[Welcome!]\nhello       = Welcome to SOPS! Edit this file as you please!\n"
                        + "example_key = example_value\n";
            default:
                return TEMPLATE;
        }
    }

    private static byte[] resumed(Path rejectedFile, Keyring keyring) throws FileAccessException, KeyException {
        SecretBytes text = AgeFiles.decrypt(FileIo.read(rejectedFile), keyring.identities(), "[" + rejectedFile + "]");
        try {
            return text.copy();
        } finally {
            text.destroy();
        }
    }

    private static boolean changedOnDisk(Path file, OpenedFile opened) throws FileAccessException {
        if (opened.original() == null) {
            return Files.exists(file);
        }
        try {
            return !FileIo.unchanged(file, opened.original());
        } catch (FileAccessException e) {
            if (e.kind() == FileAccessException.Kind.NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    private static Path saveAside(Path file, byte[] text, OpenedFile opened, Keyring keyring, Clock clock)
            throws KeyException, FileAccessException {
        List<String> recipients = opened.stored().metadata().recipients();
        if (recipients.isEmpty()) {
            recipients = keyring.identities().recipients();
        }
        return RejectedEdits.save(file, text, recipients, clock.instant());
    }

    private static PrivateTempDir createTempDir(Environment env) throws FileAccessException {
        try {
            return PrivateTempDir.create(env);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE,
                    PrivateTempDir.candidateRoots(env).get(0), "cannot create a private temporary folder", e);
        }
    }

    private static Path writeTemp(PrivateTempDir folder, Path file, byte[] content) throws FileAccessException {
        try {
            return folder.writeFile(file.getFileName().toString(), content);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, folder.path(), e.getMessage(), e);
        }
    }

    private static EditorProcess.Outcome runEditor(List<String> command, Path temp, Environment env)
            throws EditException {
        List<String> full = new ArrayList<>(command);
        full.add(temp.toString());
        try {
            return EditorProcess.run(full, env.variables(), env.workingDirectory());
        } catch (IOException e) {
            throw new EditException(EditException.Kind.NO_EDITOR, "cannot start the editor [" + command.get(0) + "]: "
                    + e.getMessage(), null, e);
        }
    }

    private static byte[] readTemp(Path temp, List<String> command) throws EditException {
        try {
            return BoundedFiles.read(temp, BoundedFiles.MAX_SECRETS_FILE);
        } catch (NoSuchFileException e) {
            throw new EditException(EditException.Kind.EDITOR_FAILED, "the editor [" + command.get(0)
                    + "] removed the temporary file; nothing was changed", null, e);
        } catch (IOException e) {
            throw new EditException(EditException.Kind.EDITOR_FAILED, "cannot read the edited temporary file: "
                    + e.getMessage(), null, e);
        }
    }

    private static String describeStatus(int status) {
        return status > 128 && status < 160 ? "was killed by signal " + (status - 128) : "exited with status " + status;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
