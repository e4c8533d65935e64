package dev.secrets.rotate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a commented starting playbook from the KEY NAMES of an env file (never its values), for
 * {@code secrets rotate --init}. Passwords of PostgreSQL ({@code POSTGRES_*}, {@code DATABASE_*}, {@code PG*}) and
 * Redis ({@code REDIS_*}) keys get an applier wired to the sibling host/port/user keys that exist; signing
 * secrets get {@code none}; third-party API keys and tokens get a {@code manual} entry. Everything else that is
 * not obviously a credential is left out. The output always parses with {@link PlaybookLoader}.
 */
public final class PlaybookGuesser {
    private static final List<String> SECRET_SUFFIXES = List.of("_PASSWORD", "_PASSWD", "_PASS", "_PWD", "_SECRET",
            "_SECRET_KEY", "_API_KEY", "_APIKEY", "_TOKEN", "_ACCESS_KEY", "_PRIVATE_KEY", "_SALT", "_KEY");
    private static final List<String> THIRD_PARTY_SUFFIXES = List.of("_API_KEY", "_APIKEY", "_TOKEN", "_ACCESS_KEY");

    private PlaybookGuesser() {
    }

    /** A commented playbook for the credentials guessed from {@code keys} (in file order). */
    public static String guess(List<String> keys) {
        StringBuilder out = new StringBuilder();
        out.append("# Rotation playbook for `secrets rotate` (schema: docs/playbook.md).\n")
                .append("# Guessed from key names only: review every entry before the first rotation.\n")
                .append("# Nothing secret belongs here: connection settings are KEY NAMES of the encrypted file.\n")
                .append("version: 1\n")
                .append("credentials:\n");
        int written = 0;
        for (String key : keys) {
            String upper = key.toUpperCase(Locale.ROOT);
            if (!looksSecret(upper) || isAdminOnly(upper)) {
                continue;
            }
            written++;
            if (isPostgres(upper) && isPassword(upper)) {
                postgres(out, key, keys);
            } else if (upper.startsWith("REDIS") && isPassword(upper)) {
                redis(out, key, keys);
            } else if (THIRD_PARTY_SUFFIXES.stream().anyMatch(upper::endsWith)) {
                out.append("  - key: ").append(key).append("              # third-party credential\n")
                        .append("    manual: \"Issue a new key in the provider's console, paste it here, then revoke"
                                + " the old one.\"\n");
            } else if (isPassword(upper)) {
                out.append("  - key: ").append(key).append("              # a password checked elsewhere\n")
                        .append("    # better: replace `manual` with generate + apply, e.g.\n")
                        .append("    # generate: {length: 32, alphabet: alnum}\n")
                        .append("    # apply: {command: {run: [./scripts/set-password.sh], timeout: 60}}\n")
                        .append("    manual: \"Set the new password where it is checked, then paste it here.\"\n");
            } else {
                out.append("  - key: ").append(key).append("              # read only by the app: just replaced\n")
                        .append("    generate: {bytes: 32, encoding: hex}\n");
            }
        }
        if (written == 0) {
            out.append("  []  # no credential-like keys found; add entries by hand\n");
        }
        return out.toString();
    }

    private static void postgres(StringBuilder out, String key, List<String> keys) {
        String prefix = key.substring(0, key.lastIndexOf('_'));
        String family = family(prefix);
        String role = pick(keys, prefix + "_USER", prefix + "_USERNAME", prefix + "_ROLE", family + "_USER")
                .orElse(prefix + "_USER");
        boolean isMigrator = prefix.toUpperCase(Locale.ROOT).matches(".*(MIGRATOR|ADMIN|SUPERUSER|OWNER).*");
        out.append("  - key: ").append(key).append("              # PostgreSQL role password\n")
                .append("    generate: {bytes: 32, encoding: base64url}\n")
                .append("    apply:\n")
                .append("      postgres:\n")
                .append("        host_key: ").append(pick(keys, family + "_HOST", "PGHOST", "DATABASE_HOST")
                        .orElse(family + "_HOST")).append('\n')
                .append("        port_key: ").append(pick(keys, family + "_PORT", "PGPORT", "DATABASE_PORT")
                        .orElse(family + "_PORT")).append('\n');
        pick(keys, family + "_DB", family + "_DATABASE", family + "_NAME", "PGDATABASE")
                .ifPresent(db -> out.append("        database_key: ").append(db).append('\n'));
        out.append("        role_key: ").append(role).append('\n');
        Optional<String> adminUser = keys.stream().filter(k -> k.toUpperCase(Locale.ROOT).startsWith(family)
                && k.toUpperCase(Locale.ROOT).matches(".*(MIGRATOR|ADMIN|SUPERUSER|OWNER).*_USER(NAME)?")).findFirst();
        if (!isMigrator && adminUser.isPresent()) {
            String adminPrefix = adminUser.get().substring(0, adminUser.get().lastIndexOf("_USER"));
            Optional<String> adminPassword = pick(keys, adminPrefix + "_PASSWORD", adminPrefix + "_PASS");
            if (adminPassword.isPresent()) {
                out.append("        admin_user_key: ").append(adminUser.get()).append('\n')
                        .append("        admin_password_key: ").append(adminPassword.get()).append('\n');
                return;
            }
        }
        out.append("        # without admin keys the role changes its own password with the old one\n");
    }

    private static void redis(StringBuilder out, String key, List<String> keys) {
        out.append("  - key: ").append(key).append("              # Redis password\n")
                .append("    generate: {bytes: 32, encoding: hex}\n")
                .append("    apply:\n")
                .append("      redis:\n")
                .append("        host_key: ").append(pick(keys, "REDIS_HOST").orElse("REDIS_HOST")).append('\n')
                .append("        port_key: ").append(pick(keys, "REDIS_PORT").orElse("REDIS_PORT")).append('\n');
        Optional<String> user = pick(keys, "REDIS_USER", "REDIS_USERNAME");
        if (user.isPresent()) {
            out.append("        username_key: ").append(user.get()).append('\n');
        } else {
            out.append("        # the default user; set user: NAME or username_key: KEY for an ACL user\n");
        }
    }

    private static boolean looksSecret(String upper) {
        return SECRET_SUFFIXES.stream().anyMatch(upper::endsWith) || upper.equals("SECRET_KEY")
                || upper.endsWith("PASSWORD");
    }

    private static boolean isAdminOnly(String upper) {
        // Public halves and ids are not secrets.
        return upper.endsWith("_PUBLIC_KEY") || upper.endsWith("_KEY_ID");
    }

    private static boolean isPassword(String upper) {
        return upper.endsWith("PASSWORD") || upper.endsWith("_PASS") || upper.endsWith("_PWD")
                || upper.endsWith("_PASSWD");
    }

    private static boolean isPostgres(String upper) {
        return upper.startsWith("POSTGRES") || upper.startsWith("DATABASE") || upper.startsWith("PG")
                || upper.startsWith("DB_");
    }

    private static String family(String prefix) {
        int cut = prefix.indexOf('_');
        return cut < 0 ? prefix : prefix.substring(0, cut);
    }

    private static Optional<String> pick(List<String> keys, String... candidates) {
        List<String> wanted = new ArrayList<>(List.of(candidates));
        for (String candidate : wanted) {
            for (String key : keys) {
                if (key.equalsIgnoreCase(candidate)) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }
}
