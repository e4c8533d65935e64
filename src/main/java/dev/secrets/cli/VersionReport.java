package dev.secrets.cli;

import dev.secrets.app.Formats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code secrets --version} without building picocli's model (the line picocli prints),
 * and {@code secrets --version --json}: {@code {"command":"version","version":..,"sopsFormat":..,"formats":[..],
 * "java":..}} (docs/json.md).
 */
final class VersionReport {
    private VersionReport() {
    }

    /** {@code --version}/{@code -V} alone (only when {@code fast}: else picocli prints it), or with {@code --json}. */
    static boolean asked(String[] args, boolean fast) {
        List<String> list = Arrays.asList(args);
        boolean version = list.contains("--version") != list.contains("-V");
        return version && (args.length == 1 && fast || args.length == 2 && list.contains("--json"));
    }

    /** The version line. */
    static String line() {
        return "secrets " + Main.VERSION + " (writes the sops " + Formats.SOPS_VERSION + " dotenv format)";
    }

    /** Prints the version line, or with {@code json} the version object; exit code 0. */
    static int print(Context context, boolean json) {
        String text = json
                ? Json.write(Json.object("command", "version", "version", Main.VERSION, "sopsFormat",
                        Formats.SOPS_VERSION, "formats", Formats.STORES, "java", Runtime.version().toString()))
                : line();
        context.write((text + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        return ExitCode.OK.code();
    }
}
