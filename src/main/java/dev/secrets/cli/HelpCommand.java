package dev.secrets.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code secrets help [COMMAND]}: the same text as {@code secrets [COMMAND] --help}. */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
        description = "Show the help of secrets, or of one command.",
        footer = {"", "Examples:",
                "  secrets help              # every command",
                "  secrets help render       # the same as: secrets render --help",
                "  man secrets-render        # once installed with scripts/install.sh"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "The command to describe.")
    String command;

    private CommandLine parent;
    private PrintWriter out;
    private CommandLine.Help.ColorScheme colours;

    HelpCommand(Context context) {
        // Built like every other command; help needs only what picocli hands it in init.
    }

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
            PrintWriter err) {
        this.parent = helpCommandLine.getParent();
        this.colours = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = command == null ? parent : parent.getSubcommands().get(command);
        if (target == null) {
            throw new CommandLine.ParameterException(parent, "no command [" + command + "]; see 'secrets help'");
        }
        target.usage(out, colours);
        out.flush();
    }
}
