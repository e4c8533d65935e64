package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a commented starting playbook for {@code secrets rotate --init} from the KEY NAMES of an env file and,
 * when the file could be decrypted, from what its values are (a URL with a password, a copy of another value);
 * no value is ever written. Every entry says why it was guessed.
 *
 * <p>It never plans damage: only keys that are clearly read by the app alone ({@code SECRET_KEY},
 * {@code JWT_SECRET}, {@code *_SIGNING_KEY}, ...) are "just replaced"; passwords of PostgreSQL and Redis (split
 * keys or URLs) get an applier wired to the keys that exist; anything issued by a third party
 * ({@code STRIPE_*}, {@code AWS_*}, {@code *_API_KEY}, ...), anything that encrypts data, and anything not clearly
 * app-internal is {@code manual}. The output always parses with {@link PlaybookLoader}.
 */
public final class PlaybookGuesser {
    private static final List<String> SECRET_SUFFIXES = List.of("_PASSWORD", "_PASSWD", "_PASS", "_PWD", "_SECRET",
            "_SECRET_KEY", "_API_KEY", "_APIKEY", "_TOKEN", "_ACCESS_KEY", "_PRIVATE_KEY", "_SALT", "_KEY");
    private static final List<String> THIRD_PARTY_SUFFIXES = List.of("_API_KEY", "_APIKEY", "_TOKEN", "_ACCESS_KEY",
            "_SECRET_ACCESS_KEY", "_CLIENT_SECRET", "_WEBHOOK_SECRET", "_AUTH_TOKEN", "_DSN");
    private static final List<String> VENDORS = List.of("STRIPE", "AWS", "GITHUB", "GH", "GITLAB", "SENDGRID",
            "TWILIO", "SLACK", "GOOGLE", "GCP", "GCLOUD", "AZURE", "OPENAI", "ANTHROPIC", "MAILGUN", "MAILCHIMP",
            "SENTRY", "DATADOG", "DD", "CLOUDFLARE", "HEROKU", "NPM", "PAYPAL", "SHOPIFY", "ALGOLIA", "AUTH0", "OKTA",
            "FIREBASE", "MAPBOX", "PUSHER", "POSTMARK", "RESEND", "SUPABASE", "DIGITALOCEAN", "DO", "HUBSPOT",
            "INTERCOM", "SEGMENT", "MIXPANEL", "BRAINTREE", "ADYEN", "PLAID", "DOCKER", "DOCKERHUB", "VERCEL",
            "NETLIFY", "RECAPTCHA", "FACEBOOK", "TWITTER", "LINKEDIN", "APPLE", "MICROSOFT", "OAUTH", "SMTP",
            "MAIL", "EMAIL", "S3", "R2", "B2");
    private static final List<String> APP_INTERNAL = List.of("SECRET_KEY", "SECRET_KEY_BASE", "DJANGO_SECRET_KEY",
            "FLASK_SECRET_KEY", "RAILS_SECRET_KEY_BASE", "APP_SECRET", "JWT_SECRET", "JWT_SECRET_KEY", "JWT_KEY",
            "SESSION_SECRET", "SESSION_KEY", "SESSION_SECRET_KEY", "COOKIE_SECRET", "CSRF_SECRET", "NEXTAUTH_SECRET",
            "AUTH_SECRET");
    private static final List<String> DATA_KEYS = List.of("ENCRYPT", "CIPHER", "FERNET", "MASTER_KEY", "DATA_KEY",
            "_ENC_KEY", "CRYPT");

    private PlaybookGuesser() {
    }

    /** A guessed playbook and what the person should know about it (which values embed what, what is left out). */
    public record Guess(String yaml, List<String> notes) {
        /** Copies the list. */
        public Guess {
            notes = List.copyOf(notes);
        }
    }

    /** A commented playbook guessed from key names alone (in file order). */
    public static String guess(List<String> keys) {
        return guess(keys, Map.of()).yaml();
    }

    /**
     * A commented playbook guessed from {@code keys} (file order) and, when not empty, the decrypted
     * {@code values}: URLs carrying a password become entries (or {@code also_in} of the entry they copy).
     */
    public static Guess guess(List<String> keys, Map<String, SecretBytes> values) {
        StringBuilder out = new StringBuilder();
        out.append("# Rotation playbook for `secrets rotate` (schema: docs/playbook.md).\n")
                .append("# Guessed from key names")
                .append(values.isEmpty() ? " only (the file could not be decrypted)" : " and what the values are")
                .append(": review every entry before the first rotation.\n")
                .append("# Nothing secret belongs here: connection settings are KEY NAMES of the encrypted file.\n")
                .append("version: 1\n")
                .append("credentials:\n");
        List<String> notes = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        for (String key : keys) {
            String upper = key.toUpperCase(Locale.ROOT);
            if (SecretCopies.isUrlCredential(key, values)) {
                if (!copiesPlanned(key, values, planned, notes)) {
                    url(out, key, values);
                    planned.add(key);
                }
                continue;
            }
            if (values.isEmpty() && upper.endsWith("_URL") && (upper.contains("DATABASE") || upper.contains("REDIS")
                    || upper.contains("POSTGRES") || upper.contains("BROKER") || upper.contains("CACHE"))) {
                out.append("  # ").append(key).append(": may carry a password inside the URL; decrypt access was"
                        + " not available, so it was not inspected\n");
                notes.add("[" + key + "] was not inspected (no identity could decrypt the file): if its URL carries a"
                        + " password, add an entry with url_key: " + key);
                continue;
            }
            if (!looksSecret(upper) || isAdminOnly(upper)) {
                continue;
            }
            if (!values.isEmpty() && copiesPlanned(key, values, planned, notes)) {
                continue;
            }
            planned.add(key);
            if (isPostgres(upper) && isPassword(upper) && !isVendor(upper)) {
                postgres(out, key, keys);
            } else if (upper.startsWith("REDIS") && isPassword(upper)) {
                redis(out, key, keys);
            } else if (isVendor(upper) || THIRD_PARTY_SUFFIXES.stream().anyMatch(upper::endsWith)) {
                manual(out, key, "issued by a third party (" + (isVendor(upper) ? "a provider's prefix"
                        : "an API key or token") + "): only its console can make a new one",
                        "Issue a new key in the provider's console, paste it here, then revoke the old one.");
            } else if (DATA_KEYS.stream().anyMatch(upper::contains)) {
                manual(out, key, "looks like an encryption key: a random replacement would make data encrypted"
                        + " with it unreadable", "Re-encrypt the data with a new key first, then paste the new key here.");
            } else if (isPassword(upper)) {
                out.append("  - key: ").append(key).append("              # guessed: a password checked by a service"
                        + " that has no built-in applier\n")
                        .append("    # better: replace `manual` with generate + apply, e.g.\n")
                        .append("    # generate: {length: 32, alphabet: alnum}\n")
                        .append("    # apply: {command: {run: [./scripts/set-password.sh], timeout: 60}}\n")
                        .append("    manual: \"Set the new password where it is checked, then paste it here.\"\n");
            } else if (isAppInternal(upper)) {
                out.append("  - key: ").append(key).append("              # guessed: a signing secret only the app"
                        + " reads; replacing it logs users out and voids signed links\n")
                        .append("    generate: {bytes: 32, encoding: hex}\n");
            } else {
                manual(out, key, "not clearly read by the app alone, so it is not replaced with random bytes",
                        "Find who issued it, make a new one there, then paste it here.");
            }
            alsoIn(out, key, values);
        }
        if (planned.isEmpty()) {
            out.append("  []  # no credential-like keys found; add entries by hand\n");
        }
        return new Guess(out.toString(), notes);
    }

    /** True (and noted) when the value of {@code key} holds a copy of a credential already planned. */
    private static boolean copiesPlanned(String key, Map<String, SecretBytes> values, List<String> planned,
            List<String> notes) {
        for (String other : planned) {
            if (holders(other, values).contains(key)) {
                notes.add("[" + key + "] holds the credential of [" + other + "]: rewritten with it (also_in)");
                return true;
            }
        }
        return false;
    }

    /** The keys holding a copy of the credential of {@code key}. */
    private static List<String> holders(String key, Map<String, SecretBytes> values) {
        try {
            Optional<SecretBytes> secret = SecretCopies.current(key, values);
            if (secret.isEmpty()) {
                return List.of();
            }
            try {
                return SecretCopies.holders(key, values, secret.get());
            } finally {
                secret.get().destroy();
            }
        } catch (IllegalArgumentException e) {
            return List.of(); // a value that cannot be read is reported by the dry run
        }
    }

    private static void url(StringBuilder out, String key, Map<String, SecretBytes> values) {
        String scheme = ConnectionUrl.parse(values.get(key)).map(u -> {
            u.wipe();
            return u.isPostgres() ? "postgres" : u.isRedis() ? "redis" : u.scheme();
        }).orElse("?");
        if (scheme.equals("postgres") || scheme.equals("redis")) {
            out.append("  - key: ").append(key).append("              # guessed: a ").append(scheme)
                    .append(" URL with a password; the password inside it is rotated\n")
                    .append("    generate: {bytes: 32, encoding: ")
                    .append(scheme.equals("postgres") ? "base64url" : "hex").append("}\n")
                    .append("    apply:\n")
                    .append("      ").append(scheme).append(":\n")
                    .append("        url_key: ").append(key).append('\n')
                    .append("        # without admin keys the URL's user changes its own password with the old one\n");
        } else {
            manual(out, key, "a [" + scheme + "] URL with a password, which no built-in applier changes",
                    "Set a new password on the server, then paste the password (not the URL) here.");
        }
        alsoIn(out, key, values);
    }

    private static void alsoIn(StringBuilder out, String key, Map<String, SecretBytes> values) {
        List<String> holders = holders(key, values);
        if (!holders.isEmpty()) {
            out.append("    also_in: [").append(String.join(", ", holders))
                    .append("]            # values holding a copy, rewritten in the same commit\n");
        }
    }

    private static void manual(StringBuilder out, String key, String reason, String instructions) {
        out.append("  - key: ").append(key).append("              # guessed: ").append(reason).append('\n')
                .append("    manual: \"").append(instructions).append("\"\n");
    }

    private static void postgres(StringBuilder out, String key, List<String> keys) {
        String prefix = key.substring(0, key.lastIndexOf('_'));
        String family = family(prefix);
        String role = pick(keys, prefix + "_USER", prefix + "_USERNAME", prefix + "_ROLE", family + "_USER")
                .orElse(prefix + "_USER");
        boolean isMigrator = prefix.toUpperCase(Locale.ROOT).matches(".*(MIGRATOR|ADMIN|SUPERUSER|OWNER).*");
        out.append("  - key: ").append(key).append("              # guessed: a PostgreSQL role's password"
                + " (name starts with POSTGRES, DATABASE, PG or DB_)\n")
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
        out.append("  - key: ").append(key).append("              # guessed: a Redis password (name starts"
                + " with REDIS)\n")
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

    private static boolean isVendor(String upper) {
        return VENDORS.stream().anyMatch(v -> upper.startsWith(v + "_"));
    }

    private static boolean isAppInternal(String upper) {
        return APP_INTERNAL.contains(upper) || upper.endsWith("_SIGNING_KEY") || upper.endsWith("_SIGNING_SECRET")
                || upper.endsWith("_JWT_SECRET") || upper.endsWith("_SESSION_SECRET");
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
