package dev.secrets.cli;

import dev.secrets.app.ListKeyNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code secrets __keys FILE}: the file's key names, one a line, for the completion scripts (hidden). */
@Command(name = CompletionScripts.KEYS_COMMAND, hidden = true,
        description = "Print FILE's key names, one a line (no value is decrypted).")
final class KeyNamesCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    KeyNamesCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        StringBuilder names = new StringBuilder();
        ListKeyNames.run(file, context.env).forEach(name -> names.append(name).append('\n'));
        context.write(names.toString().getBytes(StandardCharsets.UTF_8));
        return ExitCode.OK.code();
    }
}
