package dev.secrets.audit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The production settings the deployment guides ask for, checked on the keys of a file whose name says
 * production: Django's {@code DEBUG}/{@code ALLOWED_HOSTS}/CORS/CSRF/secure cookies, and the generic
 * {@code APP_ENV}/{@code NODE_ENV}/{@code COOKIE_SECURE}. Only these settings' values are read (they are flags,
 * not secrets).
 */
public final class ProductionFlags {
    /** File names that say production, unless configured otherwise: {@code prod}, {@code production} as a word. */
    public static final Pattern DEFAULT_PRODUCTION_NAME = Pattern.compile("(?i)(^|[^a-z])prod(uction)?([^a-z]|$)");
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "y", "t");
    private static final Set<String> DEBUG = Set.of("DEBUG", "DJANGO_DEBUG", "FLASK_DEBUG", "APP_DEBUG",
            "TEMPLATE_DEBUG");
    private static final Set<String> HOST_LISTS = Set.of("ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS",
            "CORS_ALLOWED_ORIGINS", "CORS_ORIGIN_WHITELIST", "CORS_ORIGINS", "CORS_ORIGIN", "CORS_ALLOW_ORIGIN",
            "CSRF_TRUSTED_ORIGINS", "ACCESS_CONTROL_ALLOW_ORIGIN");
    private static final Set<String> ALLOW_ALL = Set.of("CORS_ORIGIN_ALLOW_ALL", "CORS_ALLOW_ALL_ORIGINS");
    private static final Set<String> MUST_BE_TRUE = Set.of("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
            "COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_HTTPONLY");
    private static final Map<String, java.util.List<String>> ENVIRONMENT = Map.of(
            "APP_ENV", java.util.List.of("production", "prod"), "NODE_ENV", java.util.List.of("production"),
            "RAILS_ENV", java.util.List.of("production"), "RACK_ENV", java.util.List.of("production"),
            "DJANGO_ENV", java.util.List.of("production", "prod"), "FLASK_ENV", java.util.List.of("production"),
            "ENVIRONMENT", java.util.List.of("production", "prod"), "APP_ENVIRONMENT", java.util.List.of("production", "prod"));

    private ProductionFlags() {
    }

    /** True when {@code key} is one of the settings checked (so its value may be read). */
    public static boolean isFlag(String key) {
        String k = key.toUpperCase(Locale.ROOT);
        return DEBUG.contains(k) || HOST_LISTS.contains(k) || ALLOW_ALL.contains(k) || MUST_BE_TRUE.contains(k)
                || ENVIRONMENT.containsKey(k);
    }

    /** What is wrong with setting {@code key} to {@code value} in production, or empty when it is right. */
    public static Optional<String> problem(String key, byte[] value) {
        String k = key.toUpperCase(Locale.ROOT);
        String v = new String(value, StandardCharsets.UTF_8).strip();
        String lower = unquote(v).toLowerCase(Locale.ROOT);
        if (DEBUG.contains(k) && TRUE.contains(lower)) {
            return Optional.of("debug mode is on in production; set " + key + "=False");
        }
        if (HOST_LISTS.contains(k) && hasWildcard(lower)) {
            return Optional.of(key + " allows any host ('*'); list the real host names");
        }
        if (ALLOW_ALL.contains(k) && TRUE.contains(lower)) {
            return Optional.of(key + " allows every origin; set it to False and list the origins");
        }
        if (MUST_BE_TRUE.contains(k) && !TRUE.contains(lower)) {
            return Optional.of(key + " must be True in production (cookies only over HTTPS)");
        }
        if (ENVIRONMENT.containsKey(k) && !ENVIRONMENT.get(k).contains(lower)) {
            return Optional.of(key + " does not say production; set " + key + "="
                    + ENVIRONMENT.get(k).get(0));
        }
        return Optional.empty();
    }

    private static boolean hasWildcard(String list) {
        for (String item : list.split("[,\\s\\[\\]\"']+")) {
            if (item.equals("*") || item.equals("https://*") || item.equals("http://*")) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
