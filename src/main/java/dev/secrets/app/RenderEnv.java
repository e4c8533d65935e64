package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.RenderTarget;
import dev.secrets.keys.KeyException;
import dev.secrets.render.RenderException;
import dev.secrets.render.RenderFormat;
import dev.secrets.render.RenderFormats;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code secrets render}: an encrypted file to the file a deploy target reads ({@code .env}, compose
 * {@code env_file}, shell, JSON, Kubernetes Secret).
 *
 * <p>Fail closed: the file is decrypted, its MAC verified, the entries selected and the whole output rendered in
 * memory before anything is written; only then is {@code --out} replaced atomically ({@link RenderTarget}). Any
 * failure before or during the write leaves an existing output byte-identical. A run killed while writing leaves
 * at most a hidden owner-only temporary file beside the output, which the next write there removes.
 */
public final class RenderEnv {
    private RenderEnv() {
    }

    /**
     * What to render.
     *
     * @param input the encrypted file, or null to use {@code stdin}
     * @param stdin the encrypted bytes when {@code input} is null
     * @param output where to write, or null to return the bytes (stdout)
     * @param format a format name ({@code dotenv}, {@code docker}, {@code shell}, {@code json}, {@code k8s-secret})
     * @param k8sName the Secret name for {@code k8s-secret}
     * @param k8sNamespace the Secret namespace for {@code k8s-secret}, or null
     * @param mode octal permissions of the output such as {@code 0640}, or null for 0600
     * @param check compare with {@code output} instead of writing it
     * @param only keys to render (empty: all)
     * @param except keys to leave out (empty: none)
     * @param path the mapping to take the values from ({@code --path}), or null for the top level
     * @param identities extra identity files ({@code --identity})
     */
    public record Request(Path input, byte[] stdin, Path output, String format, String k8sName, String k8sNamespace,
            String mode, boolean check, List<String> only, List<String> except, String path, List<Path> identities) {
    }

    /** What happened to the output. */
    public enum Outcome {
        /** The output file was replaced. */
        WRITTEN,
        /** The bytes are returned for stdout. */
        RETURNED,
        /** {@code --check}: the output already holds exactly this content. */
        SAME,
        /** {@code --check}: the output is missing or differs. */
        DIFFERS
    }

    /**
     * The outcome, the rendered bytes when {@link Outcome#RETURNED} (plaintext: the caller wipes them; else
     * null), warnings, and notes for {@code --verbose}.
     */
    public record Result(Outcome outcome, byte[] content, List<String> warnings, List<String> notes) {
    }

    /**
     * Renders as requested.
     *
     * @throws RenderTarget.SymlinkTargetException when the output is a symbolic link; nothing is written
     * @throws AtomicFiles.NotRegularFileException when the output is a folder or other non-regular file
     * @throws FileAccessException when the input cannot be read or the output cannot be written (unchanged)
     * @throws RenderException when a key or value cannot be carried by the format, or a selected key is missing
     */
    public static Result run(Request request, Environment env) throws FileAccessException, DotenvSyntaxException,
            SopsException, KeyException, RenderException, UsageException, RenderTarget.SymlinkTargetException,
            AtomicFiles.NotRegularFileException {
        if (request.check() && request.output() == null) {
            throw new UsageException(UsageException.Kind.CONFLICT, "--check needs --out PATH to compare with");
        }
        if (request.input() != null && request.output() != null
                && (env.resolve(request.input()).equals(env.resolve(request.output()))
                || FileIo.sameFile(env.resolve(request.input()), env.resolve(request.output())))) {
            throw new UsageException(UsageException.Kind.CONFLICT, "--out [" + request.output()
                    + "] is the encrypted input; rendering over it would replace it with plaintext");
        }
        Set<PosixFilePermission> mode = parseMode(request.mode());
        RenderFormat format = RenderFormats.named(request.format() == null ? "dotenv" : request.format(),
                request.k8sName(), request.k8sNamespace());
        byte[] content;
        List<String> warnings;
        List<String> notes;
        try (DecryptedEntries decrypted = DecryptedEntries.open(request.input(), request.stdin(), request.only(),
                request.except(), request.path(), request.identities(), format.name().equals("dotenv"), env)) {
            content = format.render(decrypted.entries());
            if (decrypted.sopsText() != null) {
                // The whole file: exactly what `sops decrypt` prints, comments included (values already checked).
                Arrays.fill(content, (byte) 0);
                content = decrypted.sopsText().clone();
            }
            warnings = decrypted.warnings();
            notes = new ArrayList<>(decrypted.notes());
        }
        if (request.output() == null) {
            return new Result(Outcome.RETURNED, content, warnings, notes);
        }
        Path target = env.resolve(request.output());
        try {
            if (request.check()) {
                RenderTarget.CheckResult same = RenderTarget.check(target, content);
                return new Result(same == RenderTarget.CheckResult.SAME ? Outcome.SAME : Outcome.DIFFERS, null,
                        warnings, notes);
            }
            RenderTarget.write(target, content, mode);
            notes.add("wrote " + target);
            return new Result(Outcome.WRITTEN, null, warnings, notes);
        } catch (RenderTarget.SymlinkTargetException | AtomicFiles.NotRegularFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target, "permission denied", e);
        } catch (NoSuchFileException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target, "the folder does not exist", e);
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNWRITABLE, target, e.getMessage(), e);
        } finally {
            if (request.output() != null) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    /** {@code 0640}, {@code 640}: three octal digits of permissions, optionally after a leading zero. */
    static Set<PosixFilePermission> parseMode(String mode) throws UsageException {
        if (mode == null) {
            return null;
        }
        String digits = mode.length() == 4 && mode.charAt(0) == '0' ? mode.substring(1) : mode;
        if (!digits.matches("[0-7]{3}")) {
            throw new UsageException(UsageException.Kind.CONFLICT, "--mode [" + mode
                    + "] is not an octal permission such as 0600 or 0640 (setuid, setgid and sticky bits are refused)");
        }
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, in bit order
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        int bits = Integer.parseInt(digits, 8);
        for (int i = 0; i < 9; i++) {
            if ((bits & (1 << (8 - i))) != 0) {
                permissions.add(all[i]);
            }
        }
        if (!permissions.contains(PosixFilePermission.OWNER_READ)) {
            throw new UsageException(UsageException.Kind.CONFLICT, "--mode [" + mode
                    + "] does not let the owner read the file");
        }
        return permissions;
    }
}
