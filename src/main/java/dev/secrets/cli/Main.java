package dev.secrets.cli;

import dev.secrets.io.Environment;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code secrets} command line: parses, runs one use case, prints, maps errors to exit codes. */
@Command(name = "secrets", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Keeps .env files encrypted in git in the SOPS format with age recipients.",
        footer = {"", "Exit codes are listed in docs/exit-codes.md."})
public final class Main implements Runnable {
    /** Every command, in the order --help lists them. */
    private static final Map<String, Function<Context, Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("encrypt", EncryptCommand::new);
        COMMANDS.put("decrypt", DecryptCommand::new);
        COMMANDS.put("edit", EditCommand::new);
        COMMANDS.put("view", ViewCommand::new);
        COMMANDS.put("get", GetCommand::new);
        COMMANDS.put("set", SetCommand::new);
        COMMANDS.put("unset", UnsetCommand::new);
        COMMANDS.put("render", RenderCommand::new);
        COMMANDS.put("exec", ExecCommand::new);
        COMMANDS.put("rotate", RotateCommand::new);
        COMMANDS.put("updatekeys", UpdateKeysCommand::new);
        COMMANDS.put("generate", GenerateCommand::new);
        COMMANDS.put("keygen", KeygenCommand::new);
    }

    /** This tool's version. */
    public static final String VERSION = "0.1.0";
    private Main() {
    }

    /** Entry point: exits with {@link #run}'s code. */
    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(System.out, err, System.in, Environment.system(), args);
        System.out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; tests call this directly. */
    public static int run(OutputStream out, PrintWriter err, InputStream in, Environment env, String... args) {
        Context context = new Context(out, err, in, env, Clock.systemUTC());
        TerminalPassphrase.install(context);
        CommandLine cli = new CommandLine(new Main());
        args = globalFlagsAfterCommand(args);
        String asked = Arrays.stream(args).filter(COMMANDS::containsKey).findFirst().orElse(null);
        // Only the command asked for is built: each one costs start-up time (annotation scanning) on cold runs.
        COMMANDS.forEach((name, command) -> {
            if (asked == null || asked.equals(name)) {
                cli.addSubcommand(name, command.apply(context));
            }
        });
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        cli.setOut(outWriter);
        cli.setErr(err);
        boolean debug = Arrays.asList(args).contains("--debug");
        cli.setExecutionExceptionHandler((e, line, parsed) -> ErrorReporter.report(e, err, debug));
        cli.setParameterExceptionHandler((e, parsedArgs) -> {
            err.println("secrets: " + e.getMessage());
            err.println("hint: run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
            err.flush();
            return ExitCode.USAGE.code();
        });
        int code = cli.execute(args);
        outWriter.flush();
        return code;
    }

    /** {@code secrets --debug decrypt F} means {@code secrets decrypt --debug F}: the global flags may come first. */
    static String[] globalFlagsAfterCommand(String[] args) {
        List<String> moved = new ArrayList<>();
        int i = 0;
        while (i < args.length && GLOBAL_FLAGS.contains(args[i])) {
            moved.add(args[i++]);
        }
        if (moved.isEmpty() || i >= args.length || !COMMANDS.containsKey(args[i])) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add(args[i]);
        out.addAll(moved);
        out.addAll(Arrays.asList(args).subList(i + 1, args.length));
        return out.toArray(String[]::new);
    }

    private static final List<String> GLOBAL_FLAGS = List.of("--debug", "-v", "--verbose");

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** Prints the version and the sops format version written. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"secrets " + VERSION + " (writes the sops " + dev.secrets.app.Formats.SOPS_VERSION
                    + " dotenv format)"};
        }
    }
}
