package dev.secrets.cli;

import dev.secrets.app.Leftovers;
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
        COMMANDS.put("doctor", DoctorCommand::new);
        COMMANDS.put("scan-history", ScanHistoryCommand::new);
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("revoke-report", RevokeReportCommand::new);
        COMMANDS.put("git", GitCommand::create);
        COMMANDS.put("completion", CompletionCommand::new);
        COMMANDS.put("help", HelpCommand::new);
        COMMANDS.put(CompletionScripts.KEYS_COMMAND, KeyNamesCommand::new);
    }

    /** Commands that need every other command built: they list or describe them. */
    private static final List<String> NEED_ALL = List.of("help", "completion");

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
        return run(true, out, err, in, env, args);
    }

    /** {@link #run}, with {@code fast} false to parse every command line with picocli (tests compare both). */
    static int run(boolean fast, OutputStream out, PrintWriter err, InputStream in, Environment env, String... args) {
        args = globalFlagsAfterCommand(args);
        Leftovers.clean(env); // what killed (kill -9) runs of any command left in the places the tool owns
        // The global flags as given (up to "--": what follows belongs to exec's child), for what runs outside a
        // command: error reports, and warnings printed before a command's options are parsed.
        List<String> flags = Arrays.asList(args);
        flags = flags.contains("--") ? flags.subList(0, flags.indexOf("--")) : flags;
        boolean debug = flags.contains("--debug");
        boolean json = flags.contains("--json");
        Context context = new Context(out, err, in, env, Clock.systemUTC(), json || flags.contains("-q")
                || flags.contains("--quiet"));
        TerminalPassphrase.install(context);
        if (VersionReport.asked(args, fast)) {
            return VersionReport.print(context, json);
        }
        boolean helpAsked = flags.contains("-h") || flags.contains("--help");
        java.util.concurrent.Callable<Integer> simple = fast ? FastPath.command(context, args) : null;
        if (simple != null) {
            if (FastPath.readsKeys(args)) {
                warnAboutKeyFile(context, env);
            }
            return FastPath.execute(simple, err, debug, json ? args[0] : null);
        }
        String asked = Arrays.stream(args).filter(COMMANDS::containsKey).findFirst().orElse(null);
        // `secrets --version` builds no command at all (each costs annotation scanning on a cold start).
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        CommandLine cli = build(context, asked, versionOnly);
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        cli.setOut(outWriter);
        cli.setErr(err);
        if (asked == null || "help".equals(asked) || helpAsked) {
            HelpStyle.apply(cli, env, out == System.out);   // only when help may be printed: it costs start-up time
        } else if (takesIdentities(cli, args)) {
            warnAboutKeyFile(context, env);
        }
        String command = asked == null ? "secrets" : asked;
        cli.setExecutionExceptionHandler((e, line, parsed) -> ErrorReporter.report(e, err, debug, json ? command : null));
        cli.setParameterExceptionHandler((e, parsedArgs) -> UsageErrors.report(e, err, json ? command : null));
        int code = cli.execute(args);
        outWriter.flush();
        return code;
    }

    /**
     * Warns about a {@code SOPS_AGE_KEY_FILE} naming a missing file, before a command that reads keys runs: the
     * other keys may still work, so the typo would pass unseen until they are gone.
     */
    private static void warnAboutKeyFile(Context context, Environment env) {
        dev.secrets.app.KeyFileCheck.warning(env).ifPresent(context::warn);
    }

    /** Whether the (sub)command {@code args} names takes {@code --identity}, i.e. reads the user's keys. */
    private static boolean takesIdentities(CommandLine cli, String[] args) {
        CommandLine current = cli;
        for (String arg : args) {
            CommandLine sub = current.getSubcommands().get(arg);
            if (sub != null) {
                current = sub;
            } else if (!arg.startsWith("-")) {
                break;
            }
        }
        return current != cli && current.getCommandSpec().findOption("--identity") != null;
    }

    /** The command line with every command, for generating documentation from the model (man pages). */
    static CommandLine model() {
        return build(new Context(OutputStream.nullOutputStream(), new PrintWriter(java.io.Writer.nullWriter()),
                InputStream.nullInputStream(), Environment.system(), Clock.systemUTC(), true), null, false);
    }

    private static CommandLine build(Context context, String asked, boolean versionOnly) {
        CommandLine cli = new CommandLine(new Main());
        // Only the command asked for is built: each one costs start-up time (annotation scanning) on cold runs.
        COMMANDS.forEach((name, command) -> {
            boolean wanted = asked == null ? !versionOnly : NEED_ALL.contains(asked) || asked.equals(name);
            if (wanted) {
                cli.addSubcommand(name, command.apply(context));
            }
        });
        return cli;
    }

    /** {@code secrets --debug decrypt F} means {@code secrets decrypt --debug F}: the global flags may come first. */
    static String[] globalFlagsAfterCommand(String[] args) {
        List<String> moved = new ArrayList<>();
        int i = 0;
        while (i < args.length && GlobalOptions.NAMES.contains(args[i])) {
            moved.add(args[i++]);
        }
        // Also before a mistyped command, so that picocli names it (and suggests the right one).
        if (moved.isEmpty() || i >= args.length || args[i].startsWith("-")) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add(args[i]);
        out.addAll(moved);
        out.addAll(Arrays.asList(args).subList(i + 1, args.length));
        return out.toArray(String[]::new);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** Prints the version and the sops format version written. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VersionReport.line()};
        }
    }
}
