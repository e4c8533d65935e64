package dev.secrets.cli;

import dev.secrets.app.EditException;
import dev.secrets.app.CommandStartException;
import dev.secrets.app.FileAccessException;
import dev.secrets.app.UsageException;
import dev.secrets.config.ConfigException;
import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.AtomicFiles;
import dev.secrets.io.RenderTarget;
import dev.secrets.keys.KeyException;
import dev.secrets.render.RenderException;
import dev.secrets.sops.SopsException;
import dev.secrets.vcs.GitException;
import dev.secrets.vcs.MergeConflictException;
import java.io.PrintWriter;

/**
 * The one place exceptions become exit codes and messages: one line {@code secrets: <message>}, then an
 * optional hint line; a stack trace only with {@code --debug}.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    static ExitCode exitCodeOf(Throwable e) {
        if (e instanceof FileAccessException f) {
            switch (f.kind()) {
                case NOT_FOUND: return ExitCode.FILE_NOT_FOUND;
                case UNREADABLE: return ExitCode.INPUT_UNREADABLE;
                default: return ExitCode.OUTPUT_UNWRITABLE;
            }
        }
        if (e instanceof dev.secrets.app.NotARepositoryException) {
            return ExitCode.NOT_A_REPOSITORY;
        }
        if (e instanceof UsageException u) {
            switch (u.kind()) {
                case KEY_NOT_FOUND: return ExitCode.KEY_NOT_FOUND;
                case NO_RECIPIENTS: return ExitCode.NO_RECIPIENTS;
                case UNSUPPORTED: return ExitCode.UNSUPPORTED;
                case NOT_CONFIGURED: return ExitCode.PLAYBOOK_INVALID;
                case RECIPIENT_NOT_FOUND: return ExitCode.RECIPIENT_NOT_FOUND;
                case RESERVED_KEY: return ExitCode.ALREADY_ENCRYPTED;
                case INVALID_ARGUMENT: return ExitCode.USAGE;
                case NOT_CONFIRMED: return ExitCode.NOT_CONFIRMED;
                default: return ExitCode.CONFLICTING_OPTIONS;
            }
        }
        if (e instanceof dev.secrets.rotate.PlaybookException) {
            return ExitCode.PLAYBOOK_INVALID;
        }
        if (e instanceof EditException edit) {
            switch (edit.kind()) {
                case REJECTED: return ExitCode.EDIT_REJECTED;
                case CHANGED_ON_DISK: return ExitCode.FILE_CHANGED_ON_DISK;
                case LOCKED: return ExitCode.FILE_LOCKED;
                default: return ExitCode.EDITOR_FAILED;
            }
        }
        if (e instanceof RenderException) {
            return renderCodeOf((RenderException) e);
        }
        if (e instanceof RenderTarget.SymlinkTargetException) {
            return ExitCode.OUTPUT_IS_SYMLINK;
        }
        if (e instanceof AtomicFiles.NotRegularFileException) {
            return ExitCode.OUTPUT_NOT_REGULAR_FILE;
        }
        if (e instanceof CommandStartException) {
            return ExitCode.COMMAND_NOT_STARTED;
        }
        if (e instanceof MergeConflictException) {
            return ExitCode.MERGE_CONFLICT;
        }
        if (e instanceof GitException) {
            return ExitCode.GIT_FAILED;
        }
        if (e instanceof DotenvSyntaxException || e instanceof SopsException.InvalidDocument) {
            return ExitCode.DOTENV_SYNTAX;
        }
        if (e instanceof SopsException.MacMismatch) {
            return ExitCode.MAC_MISMATCH;
        }
        if (e instanceof SopsException.ValueTampered || e instanceof SopsException.MalformedValue) {
            return ExitCode.VALUE_TAMPERED;
        }
        if (e instanceof SopsException.InvalidMetadata) {
            return ExitCode.INVALID_METADATA;
        }
        if (e instanceof SopsException.NotEncrypted) {
            return ExitCode.NOT_ENCRYPTED;
        }
        if (e instanceof SopsException.AlreadyEncrypted) {
            return ExitCode.ALREADY_ENCRYPTED;
        }
        if (e instanceof SopsException.UnsupportedFormat) {
            return ExitCode.UNSUPPORTED;
        }
        if (e instanceof KeyException.InvalidRecipient) {
            return ExitCode.INVALID_RECIPIENT;
        }
        if (e instanceof KeyException.InvalidIdentity) {
            return ExitCode.INVALID_IDENTITY;
        }
        if (e instanceof KeyException.UnsupportedKey) {
            return ExitCode.UNSUPPORTED_KEY;
        }
        if (e instanceof KeyException.WrongPassphrase) {
            return ExitCode.WRONG_PASSPHRASE;
        }
        if (e instanceof KeyException.PassphraseUnavailable) {
            return ExitCode.PASSPHRASE_UNAVAILABLE;
        }
        if (e instanceof KeyException.PluginNotFound) {
            return ExitCode.PLUGIN_NOT_FOUND;
        }
        if (e instanceof KeyException.PluginFailed) {
            return ExitCode.PLUGIN_FAILED;
        }
        if (e instanceof KeyException) {
            return ExitCode.COULD_NOT_RETRIEVE_KEY;
        }
        if (e instanceof ConfigException.NoMatchingRule) {
            return ExitCode.NO_MATCHING_RULE;
        }
        if (e instanceof ConfigException.NotFound) {
            return ExitCode.CONFIG_NOT_FOUND;
        }
        if (e instanceof ConfigException) {
            return ExitCode.CONFIG_INVALID;
        }
        return ExitCode.GENERIC;
    }

    private static ExitCode renderCodeOf(RenderException e) {
        if (e instanceof RenderException.UnknownKey) {
            return ExitCode.KEY_NOT_FOUND;
        }
        if (e instanceof RenderException.InvalidOption) {
            return ExitCode.USAGE;
        }
        return ExitCode.RENDER_UNSUPPORTED;
    }

    /** Prints {@code e} and returns its exit code. Unexpected exceptions show only their type without --debug. */
    static int report(Throwable e, PrintWriter err, boolean debug) {
        return report(e, err, debug, null);
    }

    /**
     * As {@link #report(Throwable, PrintWriter, boolean)}; with a {@code jsonCommand}, as one JSON object on stderr
     * ({@code {"command", "error": {"code", "kind", "message", "hint"}}}, docs/json.md) instead of lines.
     */
    static int report(Throwable e, PrintWriter err, boolean debug, String jsonCommand) {
        ExitCode code = exitCodeOf(e);
        if (jsonCommand != null) {
            err.println(Json.write(json(e, jsonCommand)));
        } else {
            err.println("secrets: " + message(e, code, debug));
            String hint = hint(e);
            if (hint != null) {
                err.println("hint: " + hint);
            }
            if (e instanceof KeyException k && k.hint() != null) {
                for (Throwable s : e.getSuppressed()) {
                    err.println("  " + s.getMessage());
                }
            }
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    /** The JSON error object for {@code e} (never a value: messages name files, lines and keys only). */
    static java.util.Map<String, Object> json(Throwable e, String command) {
        ExitCode code = exitCodeOf(e);
        return Reporter.error(command, code, message(e, code, false), hint(e));
    }

    private static String message(Throwable e, ExitCode code, boolean debug) {
        if (code == ExitCode.GENERIC && !debug) {
            return "unexpected error"
                    + (e.getMessage() != null && isOwnMessage(e) ? ": " + e.getMessage() : "")
                    + " (run with --debug for details)";
        }
        return e.getMessage();
    }

    private static String hint(Throwable e) {
        if (e instanceof KeyException k && k.hint() != null) {
            return k.hint();
        }
        if (e instanceof RenderException r && r.hint() != null) {
            return r.hint();
        }
        if (e instanceof MergeConflictException m) {
            return m.hint();
        }
        if (e instanceof EditException edit) {
            return edit.hint();
        }
        return null;
    }

    private static boolean isOwnMessage(Throwable e) {
        // I/O messages from the JDK name paths, never contents; other library messages might echo input.
        return e instanceof java.io.IOException;
    }
}
