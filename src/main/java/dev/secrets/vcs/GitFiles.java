package dev.secrets.vcs;

import java.util.ArrayList;
import java.util.List;

/**
 * The text {@code secrets git setup} writes: {@code .gitattributes} lines naming the drivers, and the
 * pre-commit hook script that runs a chained (earlier) hook and then {@code secrets git hook run}.
 */
public final class GitFiles {
    /** The driver name in attributes and config. */
    public static final String DRIVER = "secrets";
    /** The line that marks a hook as ours. */
    public static final String HOOK_MARK = "# secrets pre-commit hook (written by 'secrets git setup')";
    /** Where an existing hook is moved so ours can run it first. */
    public static final String CHAINED_SUFFIX = ".legacy";
    /** File patterns of encrypted files when none are given. */
    public static final List<String> DEFAULT_PATTERNS = List.of("*.env.enc", "*.enc.env");
    private static final String ATTRIBUTES_COMMENT = "# decrypted diffs and per-key merges of encrypted files "
            + "(secrets git setup; docs/git.md)";

    private GitFiles() {
    }

    /** The attributes line for {@code pattern}. */
    public static String attributeLine(String pattern) {
        return pattern + " diff=" + DRIVER + " merge=" + DRIVER;
    }

    /** The patterns whose line is missing from {@code attributes}. */
    public static List<String> missingPatterns(String attributes, List<String> patterns) {
        List<String> lines = attributes.lines().map(String::strip).toList();
        return patterns.stream().filter(p -> !lines.contains(attributeLine(p))).toList();
    }

    /** {@code attributes} with the lines for {@code missing} appended (and our comment once). */
    public static String withPatterns(String attributes, List<String> missing) {
        StringBuilder out = new StringBuilder(attributes);
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        if (!attributes.contains(ATTRIBUTES_COMMENT)) {
            out.append(ATTRIBUTES_COMMENT).append('\n');
        }
        missing.forEach(p -> out.append(attributeLine(p)).append('\n'));
        return out.toString();
    }

    /** The pre-commit hook running {@code command git hook run}, after the chained hook if there is one. */
    public static String hookScript(String command) {
        return "#!/bin/sh\n" + HOOK_MARK + "\n"
                + "# Refuses plaintext env files, identity files and broken encrypted files; bypass once with\n"
                + "# 'git commit --no-verify'. A hook that was here before is kept as pre-commit" + CHAINED_SUFFIX
                + " and runs first.\n"
                + "chained=\"$(dirname \"$0\")/pre-commit" + CHAINED_SUFFIX + "\"\n"
                + "if [ -x \"$chained\" ]; then\n  \"$chained\" \"$@\" || exit $?\nfi\n"
                + "exec " + command + " git hook run\n";
    }

    /** True when {@code hook} is one {@code secrets git setup} wrote. */
    public static boolean isOurHook(String hook) {
        return hook.contains(HOOK_MARK);
    }

    /** {@code command} quoted for a shell when it holds anything but plain path characters. */
    public static String shellWord(String command) {
        if (command.matches("[A-Za-z0-9_./@%+=:,-]+")) {
            return command;
        }
        return "'" + command.replace("'", "'\\''") + "'";
    }

    /**
     * One driver config entry: its name, and its value after the command that runs {@code secrets} ({@code
     * runsSecrets}) or as a whole. Caching textconv output is off: git would store the plaintext in a ref.
     * {@code olderValue} is what an earlier setup wrote in place of {@code value} (null when nothing changed).
     */
    public record ConfigEntry(String name, String value, boolean runsSecrets, String olderValue) {
        /** An entry no earlier setup wrote differently. */
        public ConfigEntry(String name, String value, boolean runsSecrets) {
            this(name, value, runsSecrets, null);
        }

        /** {@code current} brought up to date with its own command kept, or null when it is not an older value. */
        public String upgrade(String current) {
            if (!runsSecrets || olderValue == null || !current.endsWith(olderValue)
                    || current.length() == olderValue.length()) {
                return null;
            }
            return current.substring(0, current.length() - olderValue.length()) + value;
        }

        /** The full value for {@code command} (a shell word). */
        public String valueFor(String command) {
            return runsSecrets ? command + value : value;
        }

        /** True when {@code current} is this entry for some command (any path to secrets). */
        public boolean matchesAnyCommand(String current) {
            return runsSecrets ? current.endsWith(value) && current.length() > value.length() : current.equals(value);
        }
    }

    /** The config entries of both drivers. */
    public static List<ConfigEntry> driverConfig(boolean mask) {
        List<ConfigEntry> entries = new ArrayList<>();
        entries.add(new ConfigEntry("diff." + DRIVER + ".textconv", " git diff" + (mask ? " --mask" : ""), true));
        entries.add(new ConfigEntry("diff." + DRIVER + ".cachetextconv", "false", false));
        entries.add(new ConfigEntry("merge." + DRIVER + ".name", "secrets per-key merge of encrypted files", false));
        // Without %P the driver sees only git's temporary file name, so the store came from the content alone.
        entries.add(new ConfigEntry("merge." + DRIVER + ".driver", " git merge %O %A %B %P", true,
                " git merge %O %A %B"));
        return entries;
    }
}
