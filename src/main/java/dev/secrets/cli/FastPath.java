package dev.secrets.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The cold-start path of the commands deploy scripts run on every start ({@code render}, {@code get},
 * {@code decrypt}, {@code exec FILE -- COMMAND}, the completion's {@code __keys}, and git's textconv
 * {@code git diff FILE}; {@code --version} is
 * {@link VersionReport}'s): their argument lists, when simple, are bound to the same command objects
 * picocli would fill, without building picocli's model (reflection over the annotations and the annotation
 * proxies cost more than the rest of a cold {@code render}). Anything it is not sure to read exactly as picocli
 * does returns null and goes to picocli: help and version flags of a command, {@code --opt=value}, bundled short
 * flags, {@code --} (but exec's, which must be there), {@code @files}, an option given twice, a value that looks
 * like an option, a missing or extra argument, an unknown option. So a command line either runs here with picocli's result or is not taken here at
 * all ({@code FastPathTest} runs both over the same argument lists and compares stdout, stderr and exit code).
 */
final class FastPath {
    /** The long name of each short or alternative flag these commands accept. */
    private static final Map<String, String> ALIASES = Map.of("-v", "--verbose", "-q", "--quiet", "-o", "--output",
            "-i", "--in-place");
    private static final Set<String> GLOBAL = Set.of("--debug", "--verbose", "--quiet", "--json");
    private static final Set<String> REPEATABLE = Set.of("--identity", "--only", "--except");
    /** git's textconv runs {@code secrets git diff FILE} twice per changed file of every commit {@code git log -p} shows. */
    static final String GIT_DIFF = "git diff";

    /**
     * What one command accepts: how many positionals, its flags and its options that take a value, whether it has
     * the {@link GlobalOptions}, and whether it ends with {@code -- COMMAND...} (exec: then required, not empty).
     */
    private record Grammar(int positionals, Set<String> flags, Set<String> valued, boolean global, boolean rest) {
    }

    private static final Map<String, Grammar> GRAMMARS = Map.of(
            "render", new Grammar(1, Set.of("--check"), Set.of("--out", "--format", "--name", "--namespace", "--mode",
                    "--only", "--except", "--path", "--identity"), true, false),
            "get", new Grammar(2, Set.of(), Set.of("--identity"), true, false),
            "decrypt", new Grammar(1, Set.of("--in-place", "--ignore-mac"), Set.of("--output", "--extract",
                    "--input-type", "--output-type", "--identity"), true, false),
            "exec", new Grammar(1, Set.of("--no-inherit"), Set.of("--file", "--format", "--only", "--except",
                    "--path", "--identity"), true, true),
            CompletionScripts.KEYS_COMMAND, new Grammar(1, Set.of(), Set.of(), false, false),
            GIT_DIFF, new Grammar(1, Set.of("--mask"), Set.of("--identity"), true, false));

    private FastPath() {
    }

    /** The command line parsed: positionals in order, and each option's values (flags have none). */
    private static final class Parsed {
        final List<String> positionals = new ArrayList<>();
        /** What follows {@code --}. */
        final List<String> rest = new ArrayList<>();
        final Map<String, List<String>> options = new HashMap<>();

        boolean has(String option) {
            return options.containsKey(option);
        }

        String value(String option, String otherwise) {
            List<String> values = options.get(option);
            return values == null ? otherwise : values.get(0);
        }

        Path path(String option) {
            String value = value(option, null);
            return value == null ? null : Path.of(value);
        }

        List<String> list(String option) {
            return new ArrayList<>(options.getOrDefault(option, List.of()));
        }
    }

    /** {@code --only}, {@code --except} and {@code --path} as {@link SelectionOptions} holds them. */
    private static SelectionOptions selection(Parsed parsed) {
        SelectionOptions selection = new SelectionOptions();
        selection.only = parsed.list("--only");
        selection.except = parsed.list("--except");
        selection.path = parsed.value("--path", null);
        return selection;
    }

    /** Whether the command {@code args} name (one taken here) reads the user's keys: it takes {@code --identity}. */
    static boolean readsKeys(String[] args) {
        return grammar(args).valued.contains("--identity");
    }

    private static Grammar grammar(String[] args) {
        return gitDiff(args) ? GRAMMARS.get(GIT_DIFF) : args.length == 0 ? null : GRAMMARS.get(args[0]);
    }

    private static boolean gitDiff(String[] args) {
        return args.length >= 2 && args[0].equals("git") && args[1].equals("diff");
    }

    /** Every option name {@code command}'s grammar knows (aliases included), or null for a command not taken here. */
    static Set<String> optionNames(String command) {
        Grammar grammar = GRAMMARS.get(command);
        if (grammar == null) {
            return null;
        }
        Set<String> names = new java.util.HashSet<>(grammar.flags);
        names.addAll(grammar.valued);
        if (grammar.global) {
            names.addAll(GLOBAL);
        }
        ALIASES.forEach((alias, option) -> {
            if (names.contains(option)) {
                names.add(alias);
            }
        });
        return names;
    }

    /** The command {@code args} asks for, filled as picocli would fill it, or null to leave it to picocli. */
    static Callable<Integer> command(Context context, String[] args) {
        boolean gitDiff = gitDiff(args);
        Grammar grammar = grammar(args);
        Parsed parsed = grammar == null ? null : parse(grammar, args, gitDiff ? 2 : 1);
        if (parsed == null) {
            return null;
        }
        GlobalOptions global = new GlobalOptions();
        global.debug = parsed.has("--debug");
        global.verbose = parsed.has("--verbose");
        global.quiet = parsed.has("--quiet");
        global.json = parsed.has("--json");
        IdentityOptions identities = new IdentityOptions();
        parsed.list("--identity").forEach(file -> identities.files.add(Path.of(file)));
        switch (args[0]) {
            case "render": {
                RenderCommand render = new RenderCommand(context);
                render.file = parsed.positionals.get(0);
                render.out = parsed.path("--out");
                render.format = parsed.value("--format", "dotenv");
                render.name = parsed.value("--name", null);
                render.namespace = parsed.value("--namespace", null);
                render.mode = parsed.value("--mode", null);
                render.check = parsed.has("--check");
                render.selection = selection(parsed);
                render.identities = identities;
                render.global = global;
                return render;
            }
            case "exec": {
                ExecCommand exec = new ExecCommand(context);
                exec.file = parsed.positionals.get(0);
                exec.command = parsed.rest;
                exec.noInherit = parsed.has("--no-inherit");
                exec.fileName = parsed.value("--file", null);
                exec.format = parsed.value("--format", null);
                exec.selection = selection(parsed);
                exec.identities = identities;
                exec.global = global;
                return exec;
            }
            case CompletionScripts.KEYS_COMMAND: {
                KeyNamesCommand keys = new KeyNamesCommand(context);
                keys.file = Path.of(parsed.positionals.get(0));
                return keys;
            }
            case "git": {
                GitDiffCommand diff = new GitDiffCommand(context);
                diff.file = Path.of(parsed.positionals.get(0));
                diff.mask = parsed.has("--mask");
                diff.identities = identities;
                diff.global = global;
                return diff;
            }
            case "get": {
                GetCommand get = new GetCommand(context);
                get.file = Path.of(parsed.positionals.get(0));
                get.key = parsed.positionals.get(1);
                get.identities = identities;
                get.global = global;
                return get;
            }
            default: {
                DecryptCommand decrypt = new DecryptCommand(context);
                decrypt.file = parsed.positionals.get(0);
                decrypt.output = new OutputOptions();
                decrypt.output.output = parsed.path("--output");
                decrypt.output.inPlace = parsed.has("--in-place");
                decrypt.extract = parsed.value("--extract", null);
                decrypt.ignoreMac = parsed.has("--ignore-mac");
                decrypt.inputType = parsed.value("--input-type", null);
                decrypt.outputType = parsed.value("--output-type", null);
                decrypt.identities = identities;
                decrypt.global = global;
                return decrypt;
            }
        }
    }

    /** Runs {@code command} as picocli's execute would: its exit code, or its exception reported by {@link Main}'s rule. */
    static int execute(Callable<Integer> command, java.io.PrintWriter err, boolean debug, String jsonCommand) {
        try {
            return command.call();
        } catch (Exception e) {
            return ErrorReporter.report(e, err, debug, jsonCommand);
        }
    }

    /** {@code args} (the command name first) read by {@code grammar}, or null when picocli should read them. */
    private static Parsed parse(Grammar grammar, String[] args, int first) {
        Parsed parsed = new Parsed();
        for (int i = first; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.startsWith("@")) {
                return null;                        // picocli reads @file arguments; "" is left to it too
            }
            if (grammar.rest && arg.equals("--")) {
                parsed.rest.addAll(List.of(args).subList(i + 1, args.length));
                if (parsed.rest.isEmpty() || parsed.rest.stream().anyMatch(a -> a.startsWith("@"))) {
                    return null;
                }
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                parsed.positionals.add(arg);
                continue;
            }
            String option = ALIASES.getOrDefault(arg, arg);
            boolean flag = grammar.global && GLOBAL.contains(option) || grammar.flags.contains(option);
            if (!flag && !grammar.valued.contains(option)
                    || parsed.has(option) && !REPEATABLE.contains(option)) {
                return null;                        // unknown (or help, --opt=value, -vq, --), or given twice
            }
            List<String> values = parsed.options.computeIfAbsent(option, o -> new ArrayList<>());
            if (flag) {
                continue;
            }
            if (++i >= args.length || !plainValue(args[i])) {
                return null;
            }
            if (option.equals("--only") || option.equals("--except")) {
                // picocli splits them at commas and, as they take 1..* values, also takes the next plain words.
                boolean more = i + 1 < args.length && !isOption(grammar, args[i + 1])
                        && !(grammar.rest && args[i + 1].equals("--"));
                if (args[i].contains("\"") || more) {
                    return null;
                }
                for (String key : args[i].split(",", -1)) {
                    if (key.isEmpty()) {
                        return null;
                    }
                    values.add(key);
                }
            } else {
                values.add(args[i]);
            }
        }
        boolean complete = parsed.positionals.size() == grammar.positionals && grammar.rest != parsed.rest.isEmpty();
        return complete ? parsed : null;
    }

    /** A value picocli takes for an option as it is: not empty, not an @file, not option-like (but "-"). */
    private static boolean plainValue(String value) {
        return !value.isEmpty() && !value.startsWith("@") && (value.equals("-") || !value.startsWith("-"));
    }

    private static boolean isOption(Grammar grammar, String arg) {
        String option = ALIASES.getOrDefault(arg, arg);
        return grammar.global && GLOBAL.contains(option) || grammar.flags.contains(option)
                || grammar.valued.contains(option);
    }
}
