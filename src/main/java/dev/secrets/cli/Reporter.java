package dev.secrets.cli;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How every command says what it did: one human line on stderr, or with {@code --json} one JSON object on stdout
 * (shape in docs/json.md), or nothing with {@code --quiet}. Results that are the command's data (a decrypted file,
 * a value) are not reports and are written as they are; so is nothing here ever a secret value.
 */
final class Reporter {
    private Reporter() {
    }

    /** Reports a finished command: {@code line} for people, {@code json} (with "command" first) for programs. */
    static void done(Context context, GlobalOptions global, String line, Map<String, Object> json) {
        if (global.json) {
            context.write((Json.write(json) + "\n").getBytes(StandardCharsets.UTF_8));
        } else if (!global.quiet && line != null) {
            context.err.println("secrets: " + line);
            context.err.flush();
        }
    }

    /** The JSON object for a failure: {@code {"command": ..., "error": {"code", "kind", "message"[, "hint"]}}}. */
    static Map<String, Object> error(String command, ExitCode code, String message, String hint) {
        Map<String, Object> error = Json.object("code", code.code(), "kind", code.name(), "message", message);
        if (hint != null) {
            error.put("hint", hint);
        }
        return Json.object("command", command, "error", error);
    }
}
