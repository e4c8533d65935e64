package dev.secrets.age;

import dev.secrets.io.BoundedFiles;
import dev.secrets.io.Environment;
import dev.secrets.io.ProcessRunner;
import dev.secrets.keys.KeyException;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the user's age identities the way sops 3.11+ does, and merges all of them. Sources, in order:
 * <ol>
 * <li>each explicit {@code --identity} path (keys files, or an OpenSSH ed25519 private key);</li>
 * <li>{@code SOPS_AGE_SSH_PRIVATE_KEY_FILE}: an OpenSSH {@code ssh-ed25519} or {@code ssh-rsa} private key,
 * passphrase-protected or not (the passphrase is asked only when a file is addressed to it); when it is not set,
 * {@code $HOME/.ssh/id_ed25519} and {@code $HOME/.ssh/id_rsa} where they exist (sops reads the same places);</li>
 * <li>{@code SOPS_AGE_KEY}: every whitespace-separated word on lines that are not empty and do not start with
 * {@code #};</li>
 * <li>{@code SOPS_AGE_KEY_FILE}: a keys file;</li>
 * <li>{@code SOPS_AGE_KEY_CMD}: split like a shell would (no shell runs), run with the environment, its
 * standard output read as a keys file;</li>
 * <li>the default keys file {@code $XDG_CONFIG_HOME/sops/age/keys.txt} ({@code XDG_CONFIG_HOME} must be
 * absolute), else {@code $HOME/.config/sops/age/keys.txt}, when it exists.</li>
 * </ol>
 * A source that fails is recorded and the others are still used. Messages name paths and variable names,
 * never contents.
 *
 * <p>Keys files may be passphrase-encrypted ({@code age -p}; asked once when read) and hold X25519, post-quantum
 * and plugin identities.
 */
public final class IdentityDiscovery {
    static final String KEY = "SOPS_AGE_KEY";
    static final String KEY_FILE = "SOPS_AGE_KEY_FILE";
    static final String KEY_CMD = "SOPS_AGE_KEY_CMD";
    static final String SSH_KEY_FILE = "SOPS_AGE_SSH_PRIVATE_KEY_FILE";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Environment env;
    private final List<Path> explicitPaths;
    private final List<AgeIdentity> identities = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<String> looked = new ArrayList<>();
    private final List<KeyException> errors = new ArrayList<>();

    private IdentityDiscovery(Environment env, List<Path> explicitPaths) {
        this.env = env;
        this.explicitPaths = List.copyOf(explicitPaths);
    }

    /**
     * Loads and merges identities from every source.
     *
     * @param explicitPaths keys files named with {@code --identity}, resolved against the working directory
     * @return the merged identities; {@link AgeIdentities#loadErrors()} lists sources that failed
     * @throws KeyException.NoIdentityFound when no source gave an identity; the message lists every place
     *     looked and the load errors
     */
    public static AgeIdentities discover(Environment env, List<Path> explicitPaths) throws KeyException {
        IdentityDiscovery discovery = new IdentityDiscovery(env, explicitPaths);
        discovery.run();
        if (discovery.identities.isEmpty()) {
            throw discovery.noIdentityFound();
        }
        return new AgeIdentities(discovery.identities, discovery.sources, discovery.errors);
    }

    /**
     * A warning when {@code SOPS_AGE_KEY_FILE} names a file that does not exist, or empty: other keys may still
     * work, so a typo in it would otherwise pass unseen until those keys are gone.
     */
    public static java.util.Optional<String> missingKeyFileWarning(Environment env) {
        return env.get(KEY_FILE).filter(v -> !v.isBlank()).map(v -> env.resolve(Path.of(v)))
                .filter(p -> !Files.exists(p))
                .map(p -> KEY_FILE + " names [" + p + "], which does not exist; it was skipped (fix or unset it)");
    }

    /** The default keys file for {@code env}, or empty when {@code XDG_CONFIG_HOME} is set but relative. */
    public static java.util.Optional<Path> defaultKeysFile(Environment env) {
        java.util.Optional<String> xdg = env.get("XDG_CONFIG_HOME");
        if (xdg.isPresent()) {
            Path config = Path.of(xdg.get());
            return config.isAbsolute() ? java.util.Optional.of(config.resolve("sops/age/keys.txt"))
                    : java.util.Optional.empty();
        }
        return java.util.Optional.of(env.home().resolve(".config/sops/age/keys.txt"));
    }

    private void run() {
        for (Path path : explicitPaths) {
            Path resolved = env.resolve(path);
            String source = "--identity [" + resolved + "]";
            looked.add(source);
            load(source, () -> IdentityFile.read(resolved, source));
        }
        java.util.Optional<String> sshKeyFile = env.get(SSH_KEY_FILE);
        if (sshKeyFile.isPresent()) {
            Path resolved = env.resolve(Path.of(sshKeyFile.get()));
            String source = SSH_KEY_FILE + " [" + resolved + "]";
            looked.add(source);
            load(source, () -> List.of(readSshKey(resolved, source)));
        } else {
            for (String name : List.of(".ssh/id_ed25519", ".ssh/id_rsa")) {
                Path path = env.home().resolve(name);
                String source = "default SSH key [" + path + "]";
                looked.add(source);
                if (Files.exists(path)) {
                    load(source, () -> List.of(readSshKey(path, source)));
                }
            }
        }
        env.get(KEY).ifPresent(value -> {
            looked.add(KEY);
            load(KEY, () -> parseKeyVariable(value));
        });
        env.get(KEY_FILE).ifPresent(value -> {
            Path resolved = env.resolve(Path.of(value));
            String source = KEY_FILE + " [" + resolved + "]";
            looked.add(source);
            load(source, () -> IdentityFile.read(resolved, source));
        });
        env.get(KEY_CMD).ifPresent(command -> {
            looked.add(KEY_CMD);
            load(KEY_CMD, () -> runKeyCommand(command));
        });
        java.util.Optional<Path> defaultFile = defaultKeysFile(env);
        if (defaultFile.isPresent()) {
            Path path = defaultFile.get();
            String source = "default keys file [" + path + "]";
            looked.add(source);
            if (Files.exists(path)) {
                load(source, () -> IdentityFile.read(path, source));
            }
        } else {
            looked.add("default keys file (XDG_CONFIG_HOME is not an absolute path)");
            errors.add(new KeyException.InvalidIdentity("XDG_CONFIG_HOME [" + env.get("XDG_CONFIG_HOME").orElse("")
                    + "] is not an absolute path, so the default keys file was not read", null, null));
        }
    }

    private interface Loader {
        List<AgeIdentity> load() throws KeyException;
    }

    private void load(String source, Loader loader) {
        try {
            List<AgeIdentity> loaded = loader.load();
            identities.addAll(loaded);
            sources.add(source + " (" + loaded.size() + (loaded.size() == 1 ? " identity)" : " identities)"));
        } catch (KeyException e) {
            errors.add(e);
        }
    }

    private static AgeIdentity readSshKey(Path path, String source) throws KeyException {
        byte[] content = null;
        try {
            content = BoundedFiles.read(path, BoundedFiles.MAX_SMALL_FILE);
            return AgeIdentity.parseSsh(content, source);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new KeyException.InvalidIdentity(source + " does not exist", null, null);
        } catch (IOException e) {
            throw new KeyException.InvalidIdentity(source + " cannot be read: " + e.getMessage(), null, e);
        } finally {
            SecretBytes.wipe(content);
        }
    }

    /** {@code SOPS_AGE_KEY}: each whitespace-separated word on non-empty, non-comment lines. */
    private static List<AgeIdentity> parseKeyVariable(String value) throws KeyException {
        List<AgeIdentity> result = new ArrayList<>();
        String[] lines = value.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String word : line.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                char[] chars = word.toCharArray();
                try {
                    result.add(IdentityFile.parseLine(chars, KEY + " line " + (n + 1), KEY));
                } finally {
                    SecretBytes.wipe(chars);
                }
            }
        }
        if (result.isEmpty()) {
            throw new KeyException.InvalidIdentity(KEY + " contains no identity", IdentityFile.HINT, null);
        }
        return result;
    }

    /** {@code SOPS_AGE_KEY_CMD}: run without a shell; stdout is keys-file text. Errors name the program only. */
    private static String reason(IOException e) {
        // The JDK names a program that cannot be started as: Cannot run program "x": error=2, No such file...
        String message = String.valueOf(e.getMessage());
        int errno = message.indexOf("error=");
        return errno >= 0 ? message.substring(message.indexOf(',', errno) + 1).strip() : message;
    }

    private List<AgeIdentity> runKeyCommand(String command) throws KeyException {
        List<String> words;
        try {
            words = CommandLineSplitter.split(command);
        } catch (IllegalArgumentException e) {
            throw new KeyException.InvalidIdentity(KEY_CMD + " cannot be split into words: " + e.getMessage(),
                    "quote it as you would in a shell; it is run without a shell", null);
        }
        if (words.isEmpty()) {
            throw new KeyException.InvalidIdentity(KEY_CMD + " is empty", null, null);
        }
        String program = words.get(0);
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.capture(words, env.variables(), null, COMMAND_TIMEOUT_SECONDS,
                    BoundedFiles.MAX_SMALL_FILE);
        } catch (IOException e) {
            // ProcessRunner's messages name the program only, never its arguments or output.
            throw new KeyException.InvalidIdentity(KEY_CMD + " [" + program + "] could not be run: " + reason(e), null, e);
        }
        byte[] stdout = result.stdout();
        try {
            if (result.exitCode() != 0) {
                throw new KeyException.InvalidIdentity(KEY_CMD + " [" + program + "] failed with exit code "
                        + result.exitCode(), "run the command yourself to see its error", null);
            }
            return IdentityFile.parse(stdout, KEY_CMD + " [" + program + "] output");
        } finally {
            SecretBytes.wipe(stdout);
        }
    }

    private KeyException.NoIdentityFound noIdentityFound() {
        StringBuilder message = new StringBuilder("no age identity found; looked in: ")
                .append(String.join(", ", looked));
        for (KeyException error : errors) {
            message.append("\n  ").append(error.getMessage());
        }
        KeyException.NoIdentityFound notFound = new KeyException.NoIdentityFound(message.toString(),
                "create a keys file at " + defaultKeysFile(env).map(Path::toString).orElse("~/.config/sops/age/keys.txt")
                        + " (secrets keygen or age-keygen), set " + KEY_FILE + ", or pass --identity FILE");
        errors.forEach(notFound::addSuppressed);
        return notFound;
    }
}
