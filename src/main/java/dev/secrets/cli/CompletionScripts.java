package dev.secrets.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Shell completion scripts written from the picocli command model, so a new command, option or KEY argument is
 * completed without touching this class: command names, each command's options, an option's fixed values
 * (picocli's completion candidates, enums included), files elsewhere, and for every positional parameter labelled
 * {@code KEY} the key names of the command's first argument (names are stored in the clear; nothing is decrypted):
 * bash and zsh read a dotenv file's {@code KEY=} lines with sed, and ask the hidden {@code __keys} command for any
 * other format; fish always asks {@code __keys}. The zsh script reuses the bash one through bashcompinit.
 */
final class CompletionScripts {
    /** The hidden command that lists a file's key names. */
    static final String KEYS_COMMAND = "__keys";

    /** The shells a script is written for. */
    enum Shell { bash, zsh, fish }

    private CompletionScripts() {
    }

    static String script(Shell shell, CommandSpec root) {
        switch (shell) {
            case zsh: return "#compdef secrets\n# zsh completion for secrets (secrets completion zsh)\n"
                    + "autoload -U +X bashcompinit && bashcompinit\n" + bash(root)
                    // compinit autoloads this file as _secrets on the first Tab, which only defined the above:
                    // complete that Tab too (compstate exists only inside a completion).
                    + "if (( ${+compstate} )); then ${=_comps[secrets]}; fi\n";
            case fish: return fish(root);
            default: return bash(root);
        }
    }

    private static Map<String, CommandLine> visible(CommandSpec root) {
        Map<String, CommandLine> commands = new java.util.LinkedHashMap<>();
        root.subcommands().forEach((name, line) -> {
            if (!line.getCommandSpec().usageMessage().hidden() && !commands.containsValue(line)) {
                commands.put(name, line);
            }
        });
        return commands;
    }

    private static List<String> optionNames(CommandSpec spec, boolean takingValue) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden() && (!takingValue || option.arity().max() > 0)) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    /** The positional values to offer at {@code param}: fixed candidates, command names, or null for files. */
    private static String positionalWords(PositionalParamSpec param, CommandSpec root) {
        if ("COMMAND".equals(param.paramLabel())) {
            return String.join(" ", visible(root).keySet());
        }
        return param.completionCandidates() == null ? null : String.join(" ", param.completionCandidates());
    }

    private static String bash(CommandSpec root) {
        StringBuilder cases = new StringBuilder();
        for (Map.Entry<String, CommandLine> command : visible(root).entrySet()) {
            CommandSpec spec = command.getValue().getCommandSpec();
            cases.append("    ").append(command.getKey()).append(")\n");
            cases.append("      opts='").append(String.join(" ", optionNames(spec, false))).append("'\n");
            cases.append("      valued=' ").append(String.join(" ", optionNames(spec, true))).append(" '\n");
            StringBuilder values = new StringBuilder();
            for (OptionSpec option : spec.options()) {
                if (option.arity().max() > 0 && option.completionCandidates() != null) {
                    values.append("        ").append(String.join("|", option.names())).append(") COMPREPLY=($(compgen -W '")
                            .append(String.join(" ", option.completionCandidates())).append("' -- \"$cur\")); return ;;\n");
                }
            }
            if (values.length() > 0) {
                cases.append("      case \"$prev\" in\n").append(values).append("      esac\n");
            }
            StringBuilder positions = new StringBuilder();
            for (PositionalParamSpec param : spec.positionalParameters()) {
                String range = param.index().min() + ":" + (param.index().isUnspecified() || param.index().max()
                        == Integer.MAX_VALUE ? 999 : param.index().max());
                if ("KEY".equals(param.paramLabel())) {
                    positions.append(" key@").append(range);
                } else if (positionalWords(param, root) != null) {
                    cases.append("      words_").append(param.index().min()).append("='")
                            .append(positionalWords(param, root)).append("'\n");
                    positions.append(" words@").append(range);
                }
            }
            cases.append("      positions='").append(positions.toString().trim()).append("'\n      ;;\n");
        }
        return """
                # bash completion for secrets (secrets completion bash). Key names come from `secrets __keys FILE`,
                # which reads the names stored in the clear and decrypts nothing.
                # Key names: a dotenv file's KEY= lines are read by sed (no JVM start, well under 150 ms); any other
                # format (no such lines) asks secrets itself.
                _secrets_keys() {
                  local names
                  names="$(sed -n '/^sops_/d; s/^\\([^#=[:space:]][^=[:space:]]*\\)=.*/\\1/p' "$1" 2>/dev/null)"
                  [ -n "$names" ] && printf '%s\\n' "$names" || "$2" @KEYS@ "$1" 2>/dev/null
                }
                _secrets() {
                  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                  local i w cmd="" at=0 opts="" valued=" " positions="" n=0 file=""
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    case "${COMP_WORDS[i]}" in -*) ;; *) cmd="${COMP_WORDS[i]}"; at=$i; break ;; esac
                  done
                  if [ -z "$cmd" ]; then
                    COMPREPLY=($(compgen -W '@COMMANDS@ @OPTIONS@' -- "$cur"))
                    return
                  fi
                  case "$cmd" in
                @CASES@    *) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                  esac
                  if [[ "$valued" == *" $prev "* ]]; then
                    COMPREPLY=($(compgen -f -- "$cur"))
                    return
                  fi
                  if [[ "$cur" == -* ]]; then
                    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                    return
                  fi
                  for ((i = at + 1; i < COMP_CWORD; i++)); do
                    w="${COMP_WORDS[i]}"
                    if [ "$w" = "--" ]; then
                      if [ $((i + 1)) -eq "$COMP_CWORD" ]; then COMPREPLY=($(compgen -c -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
                      return
                    fi
                    case "$w" in -*) [[ "$valued" == *" $w "* ]] && ((i++)); continue ;; esac
                    [ "$n" -eq 0 ] && file="$w"
                    ((n++))
                  done
                  local p kind from to
                  for p in $positions; do
                    kind="${p%%@*}"; from="${p#*@}"; to="${from#*:}"; from="${from%%:*}"
                    if [ "$n" -ge "$from" ] && [ "$n" -le "$to" ]; then
                      if [ "$kind" = key ]; then
                        [ -f "$file" ] && COMPREPLY=($(compgen -W "$(_secrets_keys "$file" "${COMP_WORDS[0]}")" -- "$cur"))
                      else
                        local choices
                        eval "choices=\\"\\$words_$from\\""   # not ${!name}: zsh (bashcompinit) has no indirection
                        COMPREPLY=($(compgen -W "$choices" -- "$cur"))
                      fi
                      return
                    fi
                  done
                  COMPREPLY=($(compgen -f -- "$cur"))
                }
                complete -o filenames -o bashdefault -F _secrets secrets
                """.replace("@COMMANDS@", String.join(" ", visible(root).keySet()))
                .replace("@OPTIONS@", String.join(" ", optionNames(root, false)))
                .replace("@KEYS@", KEYS_COMMAND).replace("@CASES@", cases);
    }

    private static String fish(CommandSpec root) {
        StringBuilder out = new StringBuilder("""
                # fish completion for secrets (secrets completion fish). Key names come from `secrets __keys FILE`,
                # which reads the names stored in the clear and decrypts nothing.
                complete -c secrets -f
                function __secrets_keys
                    set -l words (commandline -opc)
                    set -l file
                    set -l seen 0
                    for w in $words[2..-1]
                        if string match -q -- '-*' $w; continue; end
                        if test $seen -eq 0; set seen 1; continue; end
                        set file $w; break
                    end
                    test -f "$file"; and $words[1] @KEYS@ $file 2>/dev/null
                end
                function __secrets_args
                    set -l n 0
                    for w in (commandline -opc)[2..-1]
                        string match -q -- '-*' $w; or set n (math $n + 1)
                    end
                    echo $n
                end
                """.replace("@KEYS@", KEYS_COMMAND));
        TreeSet<String> commandNames = new TreeSet<>(visible(root).keySet());
        for (OptionSpec option : root.options()) {
            out.append("complete -c secrets -n __fish_use_subcommand").append(fishOption(option)).append('\n');
        }
        for (Map.Entry<String, CommandLine> command : visible(root).entrySet()) {
            CommandSpec spec = command.getValue().getCommandSpec();
            String when = " -n '__fish_seen_subcommand_from " + command.getKey() + "'";
            out.append("complete -c secrets -n __fish_use_subcommand -a ").append(command.getKey())
                    .append(" -d ").append(quote(first(spec.usageMessage().description()))).append('\n');
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    out.append("complete -c secrets").append(when).append(fishOption(option)).append('\n');
                }
            }
            for (PositionalParamSpec param : spec.positionalParameters()) {
                String position = " -n '__fish_seen_subcommand_from " + command.getKey() + "; and test (__secrets_args) -ge "
                        + (param.index().min() + 1) + "'";
                if ("KEY".equals(param.paramLabel())) {
                    out.append("complete -c secrets").append(position).append(" -a '(__secrets_keys)'\n");
                } else if (positionalWords(param, root) != null) {
                    out.append("complete -c secrets").append(when).append(" -a ")
                            .append(quote(positionalWords(param, root))).append('\n');
                } else {
                    out.append("complete -c secrets").append(when).append(" -F\n");
                }
            }
        }
        return out.append("# commands: ").append(String.join(" ", commandNames)).append('\n').toString();
    }

    private static String fishOption(OptionSpec option) {
        StringBuilder out = new StringBuilder();
        for (String name : option.names()) {
            out.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
        }
        if (option.arity().max() > 0) {
            out.append(option.completionCandidates() != null
                    ? " -x -a " + quote(String.join(" ", option.completionCandidates())) : " -r -F");
        }
        return out.append(" -d ").append(quote(first(option.description()))).toString();
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0].replace("%n", " ").replace("%%", "%");
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
