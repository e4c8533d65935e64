package dev.secrets.rotate.redis;

import dev.secrets.io.CrashPoint;
import dev.secrets.rotate.Acceptance;
import dev.secrets.rotate.ApplyContext;
import dev.secrets.rotate.ApplyException;
import dev.secrets.rotate.ApplySpec;
import dev.secrets.rotate.CredentialApplier;
import dev.secrets.rotate.Endpoint;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Changes a Redis user's password with ACLs (Redis 6+), never losing a working password: first
 * {@code ACL SETUSER user #sha256(new)} (both passwords work), then checks {@code AUTH} with the new one, then
 * {@code ACL SETUSER user !sha256(old)} (old refused). Passwords go to {@code ACL SETUSER} only as SHA-256
 * hashes, so they cannot show up in {@code MONITOR}/{@code SLOWLOG}; {@code AUTH} must carry the password itself.
 * Servers without ACLs get {@code CONFIG SET requirepass} (default user only). The change is then persisted with
 * {@code ACL SAVE} (when an ACL file is used) or {@code CONFIG REWRITE} (when a config file is used); a server
 * with neither keeps it only until restart.
 */
final class RedisApplier implements CredentialApplier {
    private static final int TIMEOUT_MILLIS = 10_000;
    private final ApplySpec.Redis spec;

    RedisApplier(ApplySpec.Redis spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return "redis password of user " + spec.user().map(u -> "[" + u + "]")
                .or(() -> spec.usernameKey().map(k -> "from [" + k + "]"))
                .orElse(spec.urlKey().isPresent() ? "of the URL (or default)" : "[default]")
                + " on " + Endpoint.describe(keys());
    }

    private Endpoint.Keys keys() {
        return new Endpoint.Keys(spec.urlKey(), spec.hostKey(), spec.portKey(), null, Optional.empty());
    }

    /** The URL query option naming a CA file for TLS. */
    static final String CA_OPTION = "ssl_ca_certs";

    @Override
    public void apply(ApplyContext context) throws ApplyException {
        String user = user(context);
        boolean sent = false; // whether a change may have reached the server
        try (RespClient admin = admin(context, false)) {
            sent = true;
            if (!hasAcl(admin)) {
                if (!"default".equals(user)) {
                    throw new ApplyException("[" + context.key() + "] this Redis has no ACLs; only the default user's"
                            + " password can be changed", false, null);
                }
                expectOk(context, setRequirepass(admin, context.newValue()), "CONFIG SET requirepass", false);
                persist(context, admin, true);
                return;
            }
            expectOk(context, admin.call("ACL", "SETUSER", user, "#" + sha256(context.newValue())),
                    "ACL SETUSER (add new)", false);
            CrashPoint.reach("redis.new-added"); // both passwords work
            if (probe(context, context.newValue()) != Acceptance.ACCEPTED) {
                throw new ApplyException("[" + context.key() + "] Redis did not accept the new password after adding"
                        + " it", true, null);
            }
            // Redis refuses to remove a hash the user does not have: a repeated apply has nothing left to remove.
            if (context.oldValue().isPresent() && !context.oldValue().get().equalsConstantTime(context.newValue())
                    && probe(context, context.oldValue().get()) == Acceptance.ACCEPTED) {
                expectOk(context, admin.call("ACL", "SETUSER", user, "!" + sha256(context.oldValue().get())),
                        "ACL SETUSER (remove old)", true);
                CrashPoint.reach("redis.old-removed");
            }
            if ("default".equals(user) && requirepassSet(admin)) {
                // `requirepass` is kept apart from the ACL: left alone, CONFIG GET and CONFIG REWRITE (redis.conf)
                // would keep the retired password, and a restart would bring it back.
                expectOk(context, setRequirepass(admin, context.newValue()), "CONFIG SET requirepass", true);
            }
            persist(context, admin, true);
        } catch (IOException e) {
            throw new ApplyException("[" + context.key() + "] Redis connection failed: " + e.getMessage(), sent, e);
        }
    }

    @Override
    public void verify(ApplyContext context) throws ApplyException {
        if (probe(context, context.newValue()) != Acceptance.ACCEPTED) {
            throw new ApplyException("[" + context.key() + "] Redis refuses the new password", true, null);
        }
        if (context.oldValue().isPresent() && probe(context, context.oldValue().get()) != Acceptance.REFUSED) {
            throw new ApplyException("[" + context.key() + "] Redis still accepts the old password", true, null);
        }
    }

    @Override
    public boolean rollback(ApplyContext context) throws ApplyException {
        if (context.oldValue().isEmpty()) {
            return false;
        }
        String user = user(context);
        try (RespClient admin = admin(context, true)) {
            if (!hasAcl(admin)) {
                expectOk(context, setRequirepass(admin, context.oldValue().get()), "CONFIG SET requirepass", true);
            } else {
                expectOk(context, admin.call("ACL", "SETUSER", user, "#" + sha256(context.oldValue().get()),
                        "!" + sha256(context.newValue())), "ACL SETUSER (roll back)", true);
                if ("default".equals(user) && requirepassSet(admin)) {
                    expectOk(context, setRequirepass(admin, context.oldValue().get()), "CONFIG SET requirepass", true);
                }
            }
            persist(context, admin, false);
        } catch (IOException e) {
            throw new ApplyException("[" + context.key() + "] Redis connection failed during rollback: "
                    + e.getMessage(), true, e);
        }
        return probe(context, context.oldValue().get()) == Acceptance.ACCEPTED;
    }

    @Override
    public Acceptance probe(ApplyContext context, SecretBytes candidate) throws ApplyException {
        String user = user(context);
        try (RespClient client = connect(context)) {
            RespClient.Reply reply = auth(client, user, candidate);
            if (!reply.isError()) {
                return Acceptance.ACCEPTED;
            }
            String code = reply.errorCode();
            if (code.equals("WRONGPASS") || reply.text().contains("invalid password")
                    || reply.text().contains("without any password configured")) {
                return Acceptance.REFUSED;
            }
            throw new ApplyException("[" + context.key() + "] Redis AUTH failed with [" + code + "]", false, null);
        } catch (IOException e) {
            throw new ApplyException("[" + context.key() + "] cannot reach Redis: " + e.getMessage(), false, e);
        }
    }

    /** A connection allowed to change the password: the admin when named, else the user with its current one. */
    private RespClient admin(ApplyContext context, boolean rollingBack) throws ApplyException, IOException {
        RespClient client = connect(context);
        try {
            RespClient.Reply reply;
            if (spec.adminPasswordKey().isPresent() && !spec.adminPasswordKey().get().equals(context.key())) {
                SecretBytes password = context.secretSetting(spec.adminPasswordKey().get(), "admin_password_key");
                String adminUser = spec.adminUserKey().isPresent()
                        ? context.setting(spec.adminUserKey().get(), "admin_user_key") : "default";
                reply = auth(client, adminUser, password);
            } else {
                reply = authCurrent(context, client, rollingBack);
            }
            if (reply != null && reply.isError()) {
                throw new ApplyException("[" + context.key() + "] Redis refused the admin login ["
                        + reply.errorCode() + "]", false, null);
            }
            return client;
        } catch (ApplyException | IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Logs in as the user with whichever of old/new works (old first when applying, new first for rollback). */
    private RespClient.Reply authCurrent(ApplyContext context, RespClient client, boolean rollingBack)
            throws ApplyException, IOException {
        String user = user(context);
        // Either may be in force: a repeated apply (after a crash) finds the new one already set.
        SecretBytes first = rollingBack ? context.newValue() : context.oldValue().orElse(null);
        SecretBytes second = rollingBack ? context.oldValue().orElse(null) : context.newValue();
        RespClient.Reply reply = null;
        for (SecretBytes candidate : new SecretBytes[] {first, second}) {
            if (candidate != null) {
                reply = auth(client, user, candidate);
                if (!reply.isError()) {
                    return reply;
                }
            }
        }
        return reply;
    }

    private static RespClient.Reply setRequirepass(RespClient client, SecretBytes password) throws IOException {
        byte[] raw = password.copy();
        try {
            return client.call(bytes("CONFIG"), bytes("SET"), bytes("requirepass"), raw);
        } finally {
            SecretBytes.wipe(raw);
        }
    }

    private static RespClient.Reply auth(RespClient client, String user, SecretBytes password) throws IOException {
        byte[] raw = password.copy();
        try {
            RespClient.Reply reply = client.call(bytes("AUTH"), bytes(user), raw);
            if (reply.isError() && reply.text().contains("wrong number of arguments") && "default".equals(user)) {
                byte[] again = password.copy();
                try {
                    return client.call(bytes("AUTH"), again); // Redis before 6
                } finally {
                    SecretBytes.wipe(again);
                }
            }
            return reply;
        } finally {
            SecretBytes.wipe(raw);
        }
    }

    private RespClient connect(ApplyContext context) throws ApplyException, IOException {
        Endpoint endpoint = Endpoint.resolve(context, keys(), "redis", 6379);
        return new RespClient(endpoint.host(), endpoint.port(), endpoint.tls(), caFile(context, endpoint),
                TIMEOUT_MILLIS);
    }

    /**
     * The CA certificates to trust for {@code rediss://} instead of the JDK's trust store: the URL's
     * {@code ssl_ca_certs} option (as redis-py and Celery read it), an absolute path to a PEM file.
     */
    private static Optional<java.nio.file.Path> caFile(ApplyContext context, Endpoint endpoint)
            throws ApplyException {
        String value = endpoint.options().get(CA_OPTION);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        java.nio.file.Path path = java.nio.file.Path.of(value);
        if (!endpoint.tls() || !path.isAbsolute()) {
            throw new ApplyException("[" + context.key() + "] the URL option " + CA_OPTION + " must be an absolute"
                    + " path, with rediss://", false, null);
        }
        return Optional.of(path);
    }

    private String user(ApplyContext context) throws ApplyException {
        if (spec.user().isPresent()) {
            return spec.user().get();
        }
        if (spec.usernameKey().isPresent()) {
            return context.setting(spec.usernameKey().get(), "username_key");
        }
        if (spec.urlKey().isPresent()) {
            return Endpoint.resolve(context, keys(), "redis", 6379).user().orElse("default");
        }
        return "default";
    }

    private static boolean hasAcl(RespClient client) throws IOException {
        RespClient.Reply reply = client.call("ACL", "WHOAMI");
        return !(reply.isError() && reply.text().toLowerCase(java.util.Locale.ROOT).contains("unknown command"));
    }

    /**
     * Makes the change survive a restart where the server has a file to keep it in. A server without an ACL file
     * or config file keeps it in memory only (nothing to persist); any other failure is reported when
     * {@code strict}, since a restart would bring the old password back.
     */
    private static void persist(ApplyContext context, RespClient client, boolean strict) throws IOException,
            ApplyException {
        RespClient.Reply saved = client.call("ACL", "SAVE");
        if (!saved.isError()) {
            return;
        }
        RespClient.Reply rewritten = client.call("CONFIG", "REWRITE");
        if (strict && rewritten.isError() && !rewritten.text().contains("without a config file")) {
            throw new ApplyException("[" + context.key() + "] Redis took the new password but could not persist it"
                    + " (ACL SAVE and CONFIG REWRITE failed [" + rewritten.errorCode() + "]): a restart would bring"
                    + " back the old one", "check that Redis may write its config or ACL file", true, null);
        }
    }

    /** True when the server's {@code requirepass} setting holds a password (the value is never kept or shown). */
    private static boolean requirepassSet(RespClient client) throws IOException {
        RespClient.Reply reply = client.call("CONFIG", "GET", "requirepass");
        return !reply.isError() && reply.items() != null && reply.items().size() == 2
                && reply.items().get(1).text() != null && !reply.items().get(1).text().isEmpty();
    }

    private static void expectOk(ApplyContext context, RespClient.Reply reply, String what, boolean changed)
            throws ApplyException {
        if (reply.isError()) {
            throw new ApplyException("[" + context.key() + "] Redis " + what + " failed [" + reply.errorCode() + "]",
                    "check that the login may run ACL SETUSER / CONFIG SET", changed, null);
        }
    }

    private static String sha256(SecretBytes value) {
        byte[] raw = value.copy();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            SecretBytes.wipe(raw);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
