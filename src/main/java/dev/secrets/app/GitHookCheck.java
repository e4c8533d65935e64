package dev.secrets.app;

import dev.secrets.dotenv.DotenvSyntaxException;
import dev.secrets.io.Environment;
import dev.secrets.keys.KeyException;
import dev.secrets.sops.SopsDocument;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.store.DotenvSopsStore;
import dev.secrets.sops.store.SopsStore;
import dev.secrets.sops.store.SopsStores;
import dev.secrets.vcs.Git;
import dev.secrets.vcs.GitException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code secrets git hook run}, what the pre-commit hook calls: checks every staged file (its staged content,
 * not the work tree) and refuses plaintext env files, identity (private key) files, encrypted files of any store
 * with a value the file's rule or its {@code .sops.yaml} creation rule says must be encrypted but is not
 * ({@link ClearValueCheck}), files whose MAC does not verify, and files with merge conflicts. Each problem says
 * what and how to fix it.
 */
public final class GitHookCheck {
    /** Staged files larger than this are only checked by name. */
    static final long MAX_CHECKED = 4L * 1024 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("(^\\.env$|^\\.env\\..+|.+\\.env$|.+\\.env\\..+)");
    private static final Pattern TEMPLATE = Pattern.compile(".*\\.(example|sample|template|dist|defaults)$");
    private static final Pattern PRIVATE_KEY = Pattern.compile("AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]{50,}"
            + "|-----BEGIN (OPENSSH |RSA |EC |ENCRYPTED )?PRIVATE KEY-----");

    private GitHookCheck() {
    }

    /** Extra identity files for the MAC check. */
    public record Request(List<Path> identities) {
    }

    /**
     * The findings.
     *
     * @param problems one line per refused file: what is wrong and how to fix it
     * @param notes checks that could not be made (no identity for a MAC)
     * @param checked how many staged files were looked at
     */
    public record Result(List<String> problems, List<String> notes, int checked) {
    }

    /** Checks what is staged in the repository of the working directory. */
    public static Result run(Request request, Environment env) throws GitException {
        Git git = new Git(env.workingDirectory(), env.variables());
        Path top = git.topLevel();
        Git atTop = new Git(top, env.variables());
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> paths = atTop.stagedPaths();
        try (Keyring keyring = new Keyring(env, request.identities())) {
            for (String path : paths) {
                if (atTop.stagedSize(path) > MAX_CHECKED) {
                    String problem = byName(path, null);
                    if (problem != null) {
                        problems.add(problem);
                    }
                } else {
                    problems.addAll(check(path, atTop.staged(path), keyring, top, env, notes));
                }
            }
        }
        return new Result(problems, notes, paths.size());
    }

    private static List<String> check(String path, byte[] content, Keyring keyring, Path top, Environment env,
            List<String> notes) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher key = PRIVATE_KEY.matcher(text);
        if (key.find()) {
            String kind = key.group().startsWith("AGE") ? "an age identity" : "a PEM/OpenSSH private key";
            return List.of("[" + path + "] holds " + kind + ": remove it from the commit with 'git rm --cached "
                    + path + "', keep it outside the repository (e.g. ~/.config/sops/age/keys.txt) and add it to "
                    + ".gitignore");
        }
        SopsStore store = DotenvSopsStore.looksEncrypted(content) ? SopsStores.dotenv() : nestedStore(path, content);
        if (store == null) {
            String problem = byName(path, content);
            return problem == null ? List.of() : List.of(problem);
        }
        List<String> problems = new ArrayList<>();
        try {
            ConflictGuard.refuseGitMarkers(content, path);
            SopsDocument document = store.readEncrypted(content, path);
            ClearValueCheck.Result clear = ClearValueCheck.check(path, document, store, top, env, notes);
            problems.addAll(clear.problems());
            if (clear.unreadable()) {
                return problems;
            }
            try (OpenedFile opened = SecretsFiles.open(content, path, store, keyring, true)) {
                return problems;
            }
        } catch (KeyException e) {
            notes.add("[" + path + "] MAC not checked: no identity here can decrypt it");
        } catch (SopsException.MacMismatch | SopsException.ValueTampered e) {
            problems.add("[" + path + "] does not verify (" + e.getMessage() + "): it was changed outside secrets "
                    + "or sops; restore it with 'git checkout HEAD -- " + path + "' or, if the values are right, "
                    + "re-seal it with 'secrets edit --ignore-mac " + path + "'");
        } catch (dev.secrets.vcs.MergeConflictException e) {
            problems.add(e.getMessage() + ": " + e.hint());
        } catch (SopsException | DotenvSyntaxException e) {
            problems.add("[" + path + "] looks encrypted but cannot be read (" + e.getMessage() + "): restore it "
                    + "with 'git checkout HEAD -- " + path + "'");
        }
        return problems;
    }

    /**
     * The YAML, JSON or binary store of an encrypted file of that kind (its MAC and unresolved merge conflicts are
     * checked), or null for anything else.
     */
    private static SopsStore nestedStore(String path, byte[] content) {
        try {
            SopsStore store = SopsStores.choose(null, path, content);
            return !store.name().equals("dotenv") && store.looksEncrypted(content) ? store : null;
        } catch (SopsException.UnsupportedFormat e) {
            return null;
        }
    }

    /** A problem when {@code path} is named like an env file and is not encrypted (content null: too big). */
    private static String byName(String path, byte[] content) {
        String name = Path.of(path).getFileName().toString().toLowerCase(Locale.ROOT);
        if (!ENV_NAME.matcher(name).matches() || TEMPLATE.matcher(name).matches()) {
            return null;
        }
        if (content != null && content.length == 0) {
            return null;
        }
        return "[" + path + "] is a plaintext env file: encrypt it with 'secrets encrypt " + path + " -o " + path
                + ".enc', then 'git rm --cached " + path + "' and add " + path + " to .gitignore";
    }
}
