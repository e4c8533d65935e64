package dev.secrets.cli;

import dev.secrets.app.GenerateSecret;
import dev.secrets.app.SetValue;
import dev.secrets.app.UsageException;
import dev.secrets.secret.SecretBytes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets set}. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Add a key or replace its value (first occurrence), atomically; other values keep their "
                + "ciphertext.", "Prefer --stdin: a VALUE argument is visible in ps and your shell history."},
        footer = {"", "Examples:",
                "  printf %%s \"$TOKEN\" | secrets set .env.enc API_TOKEN --stdin",
                "  secrets set .env.enc SESSION_SECRET --generate   # 32 random bytes, base64",
                "  secrets set .env.enc DB_PASSWORD --generate=alnum:24",
                "  secrets set .env.enc LOG_LEVEL debug",
                "  secrets set values.enc.yaml db.port 5433          # an int stays type:int",
                "  echo '{\"user\": \"app\"}' | secrets set values.enc.yaml '[\"db\"]' --stdin --json-value",
                "--stdin drops one trailing newline (as from echo). Keys starting with sops_ are refused (203)."})
final class SetCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The encrypted file.")
    Path file;

    @Parameters(index = "1", paramLabel = "KEY", description = "The key to add or replace.")
    String key;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE", description = "The value (see --stdin).")
    String value;

    @Option(names = "--stdin", description = "Read the value from stdin (one trailing newline is dropped).")
    boolean stdin;

    @Option(names = "--generate", arity = "0..1", fallbackValue = "", paramLabel = "SPEC",
            description = "Generate the value: ENCODING[:BYTES] (hex, base64, base64url, alnum; default base64:32).")
    String generate;

    @Option(names = "--allow-weak", description = "Allow --generate with fewer than 16 bytes.")
    boolean allowWeak;

    @Option(names = "--json-value", description = "VALUE is JSON, as sops set reads it: \"text\", 8, 0.5, true, null, "
            + "{...} or [...] (mappings and lists in YAML/JSON/INI files only).")
    boolean jsonValue;

    @Mixin IdentityOptions identities;
    @Mixin GlobalOptions global;

    SetCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        int sources = (value != null ? 1 : 0) + (stdin ? 1 : 0) + (generate != null ? 1 : 0);
        if (sources != 1) {
            throw new UsageException(UsageException.Kind.CONFLICT, "give exactly one of VALUE, --stdin or --generate");
        }
        GenerateSecret.Spec spec = null;
        if (generate != null) {
            GenerateSecret.Spec parsed = GenerateSecret.Spec.parse(generate);
            spec = new GenerateSecret.Spec(parsed.bytes(), parsed.encoding(), allowWeak);
        }
        SecretBytes secret = value != null ? SecretBytes.ofUtf8(value) : stdin ? fromStdin() : null;
        try {
            SetValue.Result result = SetValue.run(new SetValue.Request(file, key, secret, spec, identities.files,
                    jsonValue),
                    context.env, context.clock);
            Verbose.warnings(context, result.warnings());
            String action = result.added() ? "added" : "replaced";
            Reporter.done(context, global, action + " [" + key + "] in [" + file + "]",
                    Json.object("command", "set", "file", file.toString(), "key", key, "action", action));
            return ExitCode.OK.code();
        } finally {
            if (secret != null) {
                secret.destroy();
            }
        }
    }

    private SecretBytes fromStdin() throws dev.secrets.app.FileAccessException {
        byte[] raw = context.readStdin();
        int end = raw.length;
        if (end > 0 && raw[end - 1] == '\n') {
            end--;
            if (end > 0 && raw[end - 1] == '\r') {
                end--;
            }
        }
        SecretBytes secret = SecretBytes.adopt(java.util.Arrays.copyOf(raw, end));
        SecretBytes.wipe(raw);
        return secret;
    }
}
