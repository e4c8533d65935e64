package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.ChildProcess;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.render.ExecEnvironment;
import dev.secrets.render.RenderException;
import dev.secrets.render.RenderFormats;
import dev.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code secrets exec}: runs a command with the decrypted values, either added to its environment or (with
 * {@code --file}) as a rendered file on a private path that is deleted when the command exits. Plaintext never
 * touches disk in the first mode. The file is decrypted, verified and rendered, and the key material wiped,
 * before the command starts; nothing is started when any of that fails.
 */
public final class ExecWithSecrets {
    private ExecWithSecrets() {
    }

    /**
     * What to run.
     *
     * @param input the encrypted file, or null to read {@code stdin}
     * @param stdin the encrypted bytes when {@code input} is null ({@code exec -})
     * @param command the program and its arguments (at least the program)
     * @param inherit whether the command also gets this process's environment
     * @param fileName with {@code --file}: the rendered file's name, {@code {}} in the arguments becoming its path;
     *     null to pass values as environment variables
     * @param format the file's format with {@code --file} (null: dotenv)
     * @param only keys to pass (empty: all)
     * @param except keys to leave out (empty: none)
     * @param path the mapping to take the values from ({@code --path}), or null for the top level
     * @param identities extra identity files ({@code --identity})
     */
    public record Request(Path input, byte[] stdin, List<String> command, boolean inherit, String fileName, String format,
            List<String> only, List<String> except, String path, List<Path> identities) {
    }

    /**
     * Decrypts, then runs the command and waits for it, forwarding SIGTERM, SIGINT and SIGHUP.
     *
     * @param warnings receives warnings to show before the command starts
     * @return the command's exit status ({@code 128 + n} when signal {@code n} ended it)
     * @throws CommandStartException when the command cannot be started (or its private file not written)
     */
    public static int run(Request request, Environment env, java.util.function.Consumer<String> warnings)
            throws FileAccessException, DotenvSyntaxException, SopsException, KeyException, RenderException,
            UsageException, CommandStartException {
        if (request.command().isEmpty()) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "no command given: secrets exec FILE -- COMMAND");
        }
        if (request.fileName() == null && request.format() != null) {
            throw new UsageException(UsageException.Kind.CONFLICT, "--format applies only with --file");
        }
        if (request.fileName() != null && request.command().stream().noneMatch(a -> a.contains("{}"))) {
            throw new UsageException(UsageException.Kind.CONFLICT,
                    "--file needs {} in the command's arguments, where the file's path goes");
        }
        if (request.fileName() != null && (request.fileName().isEmpty() || request.fileName().contains("/")
                || request.fileName().equals(".") || request.fileName().equals(".."))) {
            throw new UsageException(UsageException.Kind.CONFLICT,
                    "--file [" + request.fileName() + "] must be a plain file name such as app.env");
        }
        byte[] content = null;
        Map<String, String> added = Map.of();
        try (DecryptedEntries decrypted = DecryptedEntries.open(request.input(), request.stdin(), request.only(),
                request.except(), request.path(), request.identities(), false, env)) {
            if (request.fileName() != null) {
                String format = request.format() == null ? "dotenv" : request.format();
                content = RenderFormats.named(format, null, null).render(decrypted.entries());
            } else {
                added = ExecEnvironment.of(decrypted.entries());
            }
            decrypted.warnings().forEach(warnings);
        }
        Map<String, String> environment = ChildProcess.environment(env, request.inherit(), added);
        try {
            if (content != null) {
                return ChildProcess.runWithFile(request.command(), environment, env.workingDirectory(), env,
                        request.fileName(), content);
            }
            return ChildProcess.run(request.command(), environment, env.workingDirectory());
        } catch (IOException e) {
            throw new CommandStartException(request.command().get(0), e);
        } finally {
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }
}
