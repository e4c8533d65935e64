package dev.secrets.cli;

import dev.secrets.io.Environment;
import picocli.CommandLine;

/**
 * How help is laid out: colour only when stdout is a terminal and {@code NO_COLOR} is unset (https://no-color.org)
 * and {@code TERM} is not {@code dumb}; and each command's help as wide as its longest example, so an example line
 * is never wrapped in the middle (a wrapped command cannot be copied and pasted).
 */
final class HelpStyle {
    private static final int WIDTH = 80;

    private HelpStyle() {
    }

    static void apply(CommandLine cli, Environment env, boolean toSystemOut) {
        boolean colour = toSystemOut && System.console() != null && env.get("NO_COLOR").isEmpty()
                && !"dumb".equals(env.get("TERM").orElse(""));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        widen(cli);
    }

    private static void widen(CommandLine cli) {
        int longest = WIDTH;
        for (String line : cli.getCommandSpec().usageMessage().footer()) {
            longest = Math.max(longest, line.length() + 1);
        }
        cli.getCommandSpec().usageMessage().width(longest);
        cli.getSubcommands().values().forEach(HelpStyle::widen);
    }
}
