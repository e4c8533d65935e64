package dev.secrets.sops.store;

import dev.secrets.sops.SopsException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The one place a file's store is chosen, as sops's {@code StoreForFormat}: an explicit {@code --input-type} or
 * {@code --output-type} first, then the file name's suffix, then (where sops would fall back to binary) the
 * content of an encrypted file; plain files with other names stay dotenv, as {@code secrets} always read them.
 */
public final class SopsStores {
    /** The format names {@code --input-type} accepts. */
    public static final List<String> FORMATS = List.of("dotenv", "yaml", "json", "ini", "binary");

    private SopsStores() {
    }

    /**
     * The store named {@code format} (one of {@link #FORMATS}).
     *
     * @throws SopsException.UnsupportedFormat for a format this build does not read
     */
    public static SopsStore named(String format) throws SopsException.UnsupportedFormat {
        switch (format) {
            case "dotenv":
                return DotenvStore.INSTANCE;
            case "yaml":
                return new YamlStore();
            case "json":
                return new JsonStore();
            case "binary":
                return new BinaryStore();
            case "ini":
                return new IniStore();
            default:
                throw new IllegalArgumentException("unknown format [" + format + "]; use one of " + FORMATS);
        }
    }

    /** The dotenv store. */
    public static SopsStore dotenv() {
        return DotenvStore.INSTANCE;
    }

    /** The format sops picks from a file name alone, or null where sops would say "binary". */
    public static String byName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "yaml";
        }
        if (name.endsWith(".json")) {
            return "json";
        }
        if (name.endsWith(".ini")) {
            return "ini";
        }
        if (name.endsWith(".env")) {
            return "dotenv";
        }
        return null;
    }

    /**
     * The store for a file: {@code explicitType} when given, else by {@code fileName}, else by {@code content}
     * (an encrypted YAML, JSON or binary envelope is recognised; anything else is dotenv).
     *
     * @throws IllegalArgumentException for an unknown {@code explicitType}
     * @throws SopsException.UnsupportedFormat for a format this build does not read
     */
    public static SopsStore choose(String explicitType, String fileName, byte[] content)
            throws SopsException.UnsupportedFormat {
        if (explicitType != null) {
            return named(explicitType);
        }
        String byName = byName(fileName);
        if (byName != null) {
            return named(byName);
        }
        return named(byContent(content));
    }

    /** The format an encrypted file's content shows: JSON (or its binary envelope), YAML, INI, else dotenv. */
    static String byContent(byte[] content) {
        if (content == null) {
            return "dotenv";
        }
        String s = new String(content, StandardCharsets.UTF_8);
        String trimmed = s.stripLeading();
        if (trimmed.startsWith("{") && s.contains("\"sops\"")) {
            return BinaryStore.isEnvelope(s) ? "binary" : "json";
        }
        if (s.startsWith("sops:") || s.contains("\nsops:")) {
            return "yaml";
        }
        if (IniStore.hasSopsSection(s)) {
            return "ini";
        }
        return "dotenv";
    }

    /**
     * True when {@code content} carries the sops metadata of a file named {@code fileName}: the dotenv markers
     * anywhere (as before stores were added), else the markers of the format its name says, else those of any
     * nested format. A marker check on bytes, not a parse: a damaged file (broken MAC, git's conflict markers) is
     * still recognised so that whoever opens it reports why, and a plaintext file is never copied into a string.
     */
    public static boolean looksEncrypted(String fileName, byte[] content) {
        if (has(content, "sops_version=") && has(content, "sops_mac=")) {
            return true;
        }
        String format = byName(fileName);
        boolean yaml = (has(content, "\nsops:") || startsWith(content, "sops:")) && has(content, "mac:");
        boolean json = has(content, "\"sops\"") && has(content, "\"mac\"");
        boolean ini = (has(content, "\n[sops]") || startsWith(content, "[sops]")) && has(content, "mac");
        if (format == null) {
            return yaml || json || ini;
        }
        return switch (format) {
            case "yaml" -> yaml;
            case "json" -> json;
            case "ini" -> ini;
            default -> false;
        };
    }

    private static boolean startsWith(byte[] content, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        return content.length >= m.length && java.util.Arrays.equals(content, 0, m.length, m, 0, m.length);
    }

    private static boolean has(byte[] content, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + m.length <= content.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (content[i + j] != m[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
