package dev.secrets.vcs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Git's conflict markers ({@code <<<<<<<}, {@code |||||||}, {@code =======}, {@code >>>>>>>} at the start of a
 * line) in a file's raw text, as a plain {@code git merge} leaves them in an encrypted file (dotenv, INI, YAML,
 * JSON).
 */
public final class ConflictMarkers {
    private static final String METADATA_PREFIX = "sops_";
    /** An INI section header: its keys are named {@code ["section"]["key"]}, those of {@code [sops]} are metadata. */
    private static final Pattern INI_SECTION = Pattern.compile("[ \\t]*\\[[^\\]\\[]+\\][ \\t]*");

    private ConflictMarkers() {
    }

    /**
     * What the markers enclose.
     *
     * @param line the line number of the first marker (1-based)
     * @param keys the data keys on either side of a conflict, in order (names only)
     * @param metadata whether {@code sops_*} metadata lines are inside a conflict
     * @param otherLines whether lines that are not dotenv entries are inside (YAML or JSON, whose keys are not
     *     named: a line there may be a value or metadata)
     */
    public record Found(int line, List<String> keys, boolean metadata, boolean otherLines) {
    }

    /** The markers in {@code text}, or empty when there are none. */
    public static Optional<Found> find(byte[] text) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        if (!s.startsWith("<<<<<<<") && !s.contains("\n<<<<<<<")) {
            return Optional.empty();
        }
        String[] lines = s.split("\n", -1);
        Set<String> keys = new LinkedHashSet<>();
        boolean metadata = false;
        boolean otherLines = false;
        boolean inside = false;
        int first = 0;
        String section = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (INI_SECTION.matcher(line).matches()) {
                section = line.substring(line.indexOf('[') + 1, line.lastIndexOf(']'));
                metadata |= inside && section.equals("sops");
            } else if (isMarker(line, "<<<<<<<")) {
                inside = true;
                first = first == 0 ? i + 1 : first;
            } else if (inside && isMarker(line, ">>>>>>>")) {
                inside = false;
            } else if (inside && !isMarker(line, "=======") && !isMarker(line, "|||||||")) {
                int eq = line.indexOf('=');
                boolean entry = eq > 0 && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '"';
                otherLines |= !line.isBlank() && !line.startsWith("#") && !line.startsWith(";") && !entry;
                if (entry && !line.startsWith("#") && !line.startsWith(";")) {
                    String key = new String(line.substring(0, eq).getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8);
                    if (section == null && key.startsWith(METADATA_PREFIX) || "sops".equals(section)) {
                        metadata = true;
                    } else {
                        keys.add(section == null ? key : "[\"" + section + "\"][\"" + key.strip() + "\"]");
                    }
                }
            }
        }
        return first == 0 ? Optional.empty() : Optional.of(new Found(first, new ArrayList<>(keys), metadata,
                otherLines));
    }

    /**
     * The two versions git's markers hold: ours (before {@code =======}) and theirs (after it), each with every
     * line outside a conflict; a diff3 base section ({@code |||||||}) belongs to neither.
     */
    public static List<byte[]> sides(byte[] text) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        StringBuilder ours = new StringBuilder();
        StringBuilder theirs = new StringBuilder();
        int state = 0; // 0 outside, 1 ours, 2 base, 3 theirs
        for (String line : s.split("(?<=\n)", -1)) {
            String bare = line.replaceFirst("\r?\n$", "");
            if (isMarker(bare, "<<<<<<<")) {
                state = 1;
            } else if (state != 0 && isMarker(bare, "|||||||")) {
                state = 2;
            } else if (state != 0 && isMarker(bare, "=======")) {
                state = 3;
            } else if (state != 0 && isMarker(bare, ">>>>>>>")) {
                state = 0;
            } else {
                if (state == 0 || state == 1) {
                    ours.append(line);
                }
                if (state == 0 || state == 3) {
                    theirs.append(line);
                }
            }
        }
        return List.of(ours.toString().getBytes(StandardCharsets.ISO_8859_1),
                theirs.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean isMarker(String line, String marker) {
        return line.startsWith(marker) && (line.length() == marker.length() || line.charAt(marker.length()) == ' ');
    }

    /** The error for {@code found} in the file named {@code source}, with the recipe. */
    public static MergeConflictException error(String source, Found found) {
        String what = found.keys().isEmpty() ? found.otherLines() ? "encrypted lines (values or the sops metadata) "
                + "conflict" : "only the sops metadata differs"
                : "keys " + found.keys() + (found.metadata() ? " and the sops metadata" : "") + " conflict";
        return new MergeConflictException("[" + source + "] has git conflict markers (line " + found.line() + "): "
                + what + "; encrypted text cannot be merged line by line", found.keys(),
                "merge it per key instead: run 'secrets git setup', then 'git checkout -m -- " + source
                        + "' (or take one side whole with 'git checkout --ours -- " + source
                        + "' and redo the other side's change with 'secrets set'); see docs/git.md");
    }
}
