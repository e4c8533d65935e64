package dev.secrets.age;

import dev.secrets.io.Environment;

/**
 * Where age plugins come from and how they talk to the user, for this process: plugins are the programs
 * {@code age-plugin-NAME} on the installed environment's {@code PATH}, run with its variables; their questions go
 * to the installed {@link PluginUi}. The command line installs both once at start-up.
 *
 * <p>A plugin that stays silent longer than {@code SECRETS_AGE_PLUGIN_TIMEOUT} seconds (default 300; the time a
 * person takes to answer a plugin's question is not counted) is stopped and reported as failed.
 */
public final class AgePlugins {
    static final String TIMEOUT_VARIABLE = "SECRETS_AGE_PLUGIN_TIMEOUT";
    private static final long DEFAULT_TIMEOUT_SECONDS = 300;
    private static volatile Environment environment;
    private static volatile PluginUi ui = PluginUi.NONE;

    private AgePlugins() {
    }

    /** Uses {@code env} to find and run plugins and {@code pluginUi} for their questions. */
    public static void install(Environment env, PluginUi pluginUi) {
        environment = env;
        ui = pluginUi == null ? PluginUi.NONE : pluginUi;
    }

    static Environment environment() {
        Environment env = environment;
        return env != null ? env : Environment.system();
    }

    static PluginUi ui() {
        return ui;
    }

    static long timeoutMillis() {
        String value = environment().get(TIMEOUT_VARIABLE).orElse("");
        try {
            long seconds = value.isEmpty() ? DEFAULT_TIMEOUT_SECONDS : Long.parseLong(value.strip());
            return Math.max(1, seconds) * 1000;
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT_SECONDS * 1000;
        }
    }
}
