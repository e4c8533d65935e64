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
        if (e instanceof UsageException u) {
            switch (u.kind()) {
                case KEY_NOT_FOUND: return ExitCode.KEY_NOT_FOUND;
                case NO_RECIPIENTS: return ExitCode.NO_RECIPIENTS;
                case UNSUPPORTED: return ExitCode.UNSUPPORTED;
                case NOT_CONFIGURED: return ExitCode.PLAYBOOK_INVALID;
                case RECIPIENT_NOT_FOUND: return ExitCode.RECIPIENT_NOT_FOUND;
                case RESERVED_KEY: return ExitCode.ALREADY_ENCRYPTED;
                case INVALID_ARGUMENT: return ExitCode.USAGE;
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
        ExitCode code = exitCodeOf(e);
        if (code == ExitCode.GENERIC && !debug) {
            err.println("secrets: unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() != null && isOwnMessage(e) ? ": " + e.getMessage() : "")
                    + " (run with --debug for details)");
        } else {
            err.println("secrets: " + e.getMessage());
        }
        if (e instanceof KeyException k && k.hint() != null) {
            err.println("hint: " + k.hint());
            for (Throwable s : e.getSuppressed()) {
                err.println("  " + s.getMessage());
            }
        }
        if (e instanceof RenderException r && r.hint() != null) {
            err.println("hint: " + r.hint());
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    private static boolean isOwnMessage(Throwable e) {
        // I/O messages from the JDK name paths, never contents; other library messages might echo input.
        return e instanceof java.io.IOException;
    }
}
