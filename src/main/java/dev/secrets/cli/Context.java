package dev.secrets.cli;

import dev.secrets.app.FileAccessException;
import dev.secrets.io.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * What every command works with: raw stdout (values are bytes, not necessarily UTF-8), stderr, stdin, the
 * environment and the clock.
 */
final class Context {
    final OutputStream out;
    final PrintWriter err;
    final InputStream in;
    final Environment env;
    final Clock clock;
    /** {@code --quiet} or {@code --json}: no notes or warnings on stderr (errors are still reported). */
    final boolean quiet;

    Context(OutputStream out, PrintWriter err, InputStream in, Environment env, Clock clock, boolean quiet) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.clock = clock;
        this.quiet = quiet;
    }

    void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] readStdin() throws FileAccessException {
        try {
            return dev.secrets.io.BoundedFiles.read(in, dev.secrets.io.BoundedFiles.MAX_SECRETS_FILE, "stdin");
        } catch (IOException e) {
            throw new FileAccessException(FileAccessException.Kind.UNREADABLE, java.nio.file.Path.of("stdin"),
                    e.getMessage(), e);
        }
    }

    void warn(String message) {
        say("secrets: warning: ", message);
    }

    void note(String message) {
        say("secrets: note: ", message);
    }

    /** A follow-up for the user, after a report ({@code hint: ...}, as error hints are written). */
    void hint(String message) {
        say("hint: ", message);
    }

    private void say(String prefix, String message) {
        if (quiet) {
            return;
        }
        err.println(prefix + message);
        err.flush();
    }
}
