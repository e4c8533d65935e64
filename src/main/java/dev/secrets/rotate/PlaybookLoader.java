package dev.secrets.rotate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.secrets.io.BoundedFiles;
import dev.secrets.secret.SecretGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a rotation playbook (YAML, schema in {@code docs/playbook.md}). The only class of the
 * package that touches jackson, so commands that never read a playbook never load it.
 *
 * <p>Fails with {@link PlaybookException} naming the file, line and field: unknown fields, wrong types,
 * duplicate keys (YAML or credential), unknown encodings, {@code manual} together with {@code apply} or
 * {@code generate}, unknown or cyclic {@code depends_on}. Values never appear in messages (a playbook holds none,
 * but a mistaken one might).
 */
public final class PlaybookLoader {
    /** The default playbook file name, beside the encrypted file. */
    public static final String DEFAULT_NAME = "secrets-playbook.yaml";
    private static final SecretGenerator.Encoding DEFAULT_ENCODING = SecretGenerator.Encoding.BASE64URL;
    private static final int DEFAULT_BYTES = 32;

    private PlaybookLoader() {
    }

    /** Reads and validates the playbook at {@code path} (at most 1 MiB). */
    public static Playbook load(Path path) throws PlaybookException {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(path, BoundedFiles.MAX_SMALL_FILE);
        } catch (IOException e) {
            throw new PlaybookException(path.toString(), 0, "cannot read playbook: " + e.getMessage(),
                    "create one with `secrets rotate FILE --init`", e);
        }
        return parse(bytes, path.toString());
    }

    /** Parses and validates playbook {@code yaml}; {@code source} names it in messages. */
    public static Playbook parse(byte[] yaml, String source) throws PlaybookException {
        Node root = readTree(yaml, source);
        return new Reader(source).playbook(root);
    }

    // ---- a tiny YAML tree that keeps line numbers ------------------------------------------------------

    private sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    private record MapNode(Map<String, Node> fields, Map<String, Integer> fieldLines, int line) implements Node {
    }

    private record ListNode(List<Node> items, int line) implements Node {
    }

    private record Scalar(String text, JsonToken token, int line) implements Node {
    }

    private static Node readTree(byte[] yaml, String source) throws PlaybookException {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PlaybookException(source, 0, "playbook is empty", "start with `version: 1`", null);
            }
            return readNode(parser, source);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PlaybookException(source, at == null ? 0 : at.getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""), null, null);
        } catch (IOException e) {
            throw new PlaybookException(source, 0, "cannot read playbook: " + e.getMessage(), null, e);
        }
    }

    private static Node readNode(JsonParser parser, String source) throws IOException, PlaybookException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Map<String, Integer> lines = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int fieldLine = parser.currentTokenLocation().getLineNr();
                if (fields.containsKey(name)) {
                    throw new PlaybookException(source, fieldLine, "field [" + name + "] appears twice", null, null);
                }
                parser.nextToken();
                fields.put(name, readNode(parser, source));
                lines.put(name, fieldLine);
            }
            return new MapNode(fields, lines, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readNode(parser, source));
            }
            return new ListNode(items, line);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), token, line);
    }

    // ---- schema ----------------------------------------------------------------------------------------

    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        Playbook playbook(Node root) throws PlaybookException {
            MapNode top = map(root, "playbook");
            allowOnly(top, "playbook", "version", "credentials");
            int version = integer(required(top, "version", "playbook"), "version");
            if (version != 1) {
                throw error(top.fieldLines().get("version"), "unsupported version " + version + " (expected 1)");
            }
            Node list = top.fields().get("credentials");
            List<Credential> credentials = new ArrayList<>();
            if (list != null && !(list instanceof Scalar s && s.text() == null)) {
                for (Node item : list(list, "credentials").items()) {
                    credentials.add(credential(item));
                }
            }
            checkUnique(credentials);
            checkSettingsAreNotCredentials(credentials);
            return new Playbook(version, ordered(credentials), source);
        }

        private Credential credential(Node node) throws PlaybookException {
            MapNode entry = map(node, "credential");
            allowOnly(entry, "credential", "key", "generate", "apply", "manual", "depends_on", "order",
                    "allow_weak", "max_age", "also_in");
            String key = KeyNames.canonical(text(required(entry, "key", "credential"), "key"));
            if (key == null) {
                throw error(entry.line(), "key [" + text(entry.fields().get("key"), "key") + "] is neither a valid"
                        + " variable name nor a path such as [\"db\"][\"password\"]");
            }
            String where = "credential [" + key + "]";
            boolean allowWeak = entry.fields().containsKey("allow_weak")
                    && bool(entry.fields().get("allow_weak"), "allow_weak");
            Node manual = entry.fields().get("manual");
            ValueRecipe recipe;
            ApplySpec apply;
            if (manual != null) {
                for (String other : List.of("apply", "generate")) {
                    if (entry.fields().containsKey(other)) {
                        throw error(entry.fieldLines().get(other), where + " has both [manual] and [" + other
                                + "]: a manual value is issued by a person, not generated or applied");
                    }
                }
                recipe = new ValueRecipe.Manual(text(manual, "manual"));
                apply = new ApplySpec.None();
            } else {
                recipe = entry.fields().containsKey("generate")
                        ? generate(entry.fields().get("generate"), where, allowWeak)
                        : new ValueRecipe.RandomBytes(DEFAULT_BYTES, DEFAULT_ENCODING, allowWeak);
                apply = entry.fields().containsKey("apply") ? apply(entry.fields().get("apply"), where)
                        : new ApplySpec.None();
            }
            List<String> dependsOn = new ArrayList<>();
            Node deps = entry.fields().get("depends_on");
            if (deps instanceof Scalar) {
                dependsOn.add(canonicalOrAsWritten(text(deps, "depends_on")));
            } else if (deps != null) {
                for (Node dep : list(deps, "depends_on").items()) {
                    dependsOn.add(canonicalOrAsWritten(text(dep, "depends_on")));
                }
            }
            Integer order = entry.fields().containsKey("order") ? integer(entry.fields().get("order"), "order")
                    : null;
            Duration maxAge = null;
            if (entry.fields().containsKey("max_age")) {
                maxAge = MaxAge.parse(text(entry.fields().get("max_age"), "max_age"));
                if (maxAge == null) {
                    throw error(entry.fieldLines().get("max_age"), where + " max_age must be days, weeks or"
                            + " years (90d, 12w, 1y)");
                }
            }
            List<String> alsoIn = new ArrayList<>();
            Node copies = entry.fields().get("also_in");
            for (Node copy : copies == null ? List.<Node>of() : copies instanceof Scalar ? List.of(copies)
                    : list(copies, "also_in").items()) {
                String raw = text(copy, "also_in");
                String name = KeyNames.canonical(raw);
                if (name == null || name.equals(key)) {
                    throw error(copy.line(), where + " also_in [" + raw + "] must name another key of the file");
                }
                alsoIn.add(name);
            }
            return new Credential(key, recipe, apply, dependsOn, order, entry.line(), alsoIn, maxAge);
        }

        private ValueRecipe generate(Node node, String where, boolean allowWeak) throws PlaybookException {
            MapNode g = map(node, "generate");
            allowOnly(g, where + " generate", "bytes", "encoding", "length", "alphabet");
            boolean bytesStyle = g.fields().containsKey("bytes") || g.fields().containsKey("encoding");
            boolean passwordStyle = g.fields().containsKey("length") || g.fields().containsKey("alphabet");
            if (bytesStyle && passwordStyle) {
                throw error(g.line(), where + " generate mixes {bytes, encoding} with {length, alphabet}");
            }
            try {
                if (passwordStyle) {
                    int length = integer(required(g, "length", where + " generate"), "length");
                    String alphabet = g.fields().containsKey("alphabet") ? text(g.fields().get("alphabet"), "alphabet")
                            : "alnum";
                    SecretGenerator.PasswordPolicy policy = new SecretGenerator.PasswordPolicy(length, alphabet);
                    if (!allowWeak && policy.entropyBits() < SecretGenerator.MIN_BYTES * 8) {
                        throw error(g.line(), where + " password policy carries under 128 bits; make it longer"
                                + " or set allow_weak: true");
                    }
                    return new ValueRecipe.Password(policy, allowWeak);
                }
                int bytes = g.fields().containsKey("bytes") ? integer(g.fields().get("bytes"), "bytes")
                        : DEFAULT_BYTES;
                SecretGenerator.Encoding encoding = DEFAULT_ENCODING;
                if (g.fields().containsKey("encoding")) {
                    String name = text(g.fields().get("encoding"), "encoding");
                    encoding = SecretGenerator.Encoding.byName(name);
                    if (encoding == null) {
                        throw error(g.fieldLines().get("encoding"), where + " unknown encoding [" + name
                                + "] (expected hex, base64, base64url or alnum)");
                    }
                }
                if (bytes < SecretGenerator.MIN_BYTES && !allowWeak) {
                    throw error(g.fieldLines().get("bytes"), where + " bytes " + bytes + " is below "
                            + SecretGenerator.MIN_BYTES + "; set allow_weak: true to accept it");
                }
                // Checks ranges the same way generation will.
                new SecretGenerator().generate(bytes, encoding, allowWeak).destroy();
                return new ValueRecipe.RandomBytes(bytes, encoding, allowWeak);
            } catch (SecretGenerator.WeakSecretException e) {
                throw error(g.line(), where + " " + e.getMessage());
            }
        }

        private ApplySpec apply(Node node, String where) throws PlaybookException {
            if (node instanceof Scalar s && "none".equals(s.text())) {
                return new ApplySpec.None();
            }
            MapNode a = map(node, "apply");
            allowOnly(a, where + " apply", "postgres", "redis", "command", "none");
            if (a.fields().size() != 1) {
                throw error(a.line(), where + " apply needs exactly one of postgres, redis, command, none");
            }
            String kind = a.fields().keySet().iterator().next();
            Node body = a.fields().get(kind);
            String in = where + " apply." + kind;
            switch (kind) {
                case "postgres": {
                    MapNode p = map(body, in);
                    allowOnly(p, in, "host_key", "port_key", "database_key", "role_key", "admin_user_key",
                            "admin_password_key", "url_key");
                    Optional<String> url = optionalKey(p, "url_key");
                    Optional<String> adminUser = optionalKey(p, "admin_user_key");
                    Optional<String> adminPassword = optionalKey(p, "admin_password_key");
                    if (adminUser.isPresent() != adminPassword.isPresent()) {
                        throw error(p.line(), in + " needs both admin_user_key and admin_password_key, or neither");
                    }
                    return new ApplySpec.Postgres(splitKey(p, "host_key", in, url), splitKey(p, "port_key", in, url),
                            optionalKey(p, "database_key"), splitKey(p, "role_key", in, url), adminUser,
                            adminPassword, url);
                }
                case "redis": {
                    MapNode r = map(body, in);
                    allowOnly(r, in, "host_key", "port_key", "user", "username_key", "admin_user_key",
                            "admin_password_key", "url_key");
                    Optional<String> url = optionalKey(r, "url_key");
                    Optional<String> user = r.fields().containsKey("user")
                            ? Optional.of(text(r.fields().get("user"), "user")) : Optional.empty();
                    Optional<String> usernameKey = optionalKey(r, "username_key");
                    if (user.isPresent() && usernameKey.isPresent()) {
                        throw error(r.line(), in + " has both user and username_key; give one");
                    }
                    Optional<String> adminUser = optionalKey(r, "admin_user_key");
                    Optional<String> adminPassword = optionalKey(r, "admin_password_key");
                    if (adminUser.isPresent() && adminPassword.isEmpty()) {
                        throw error(r.line(), in + " admin_user_key needs admin_password_key");
                    }
                    return new ApplySpec.Redis(splitKey(r, "host_key", in, url), splitKey(r, "port_key", in, url),
                            user, usernameKey, adminUser, adminPassword, url);
                }
                case "command": {
                    MapNode c = map(body, in);
                    allowOnly(c, in, "run", "verify", "timeout");
                    List<String> run = argv(required(c, "run", in), in + " run");
                    Optional<List<String>> verify = c.fields().containsKey("verify")
                            ? Optional.of(argv(c.fields().get("verify"), in + " verify")) : Optional.empty();
                    Duration timeout = c.fields().containsKey("timeout")
                            ? duration(c.fields().get("timeout"), in) : Duration.ofSeconds(60);
                    return new ApplySpec.Command(run, verify, timeout);
                }
                default: {
                    if (!(body instanceof Scalar s && s.text() == null) && !(body instanceof MapNode m
                            && m.fields().isEmpty())) {
                        throw error(body.line(), in + " takes no settings (write `none: {}`)");
                    }
                    return new ApplySpec.None();
                }
            }
        }

        private List<Credential> ordered(List<Credential> credentials) throws PlaybookException {
            Map<String, Credential> byKey = new LinkedHashMap<>();
            Map<String, Integer> position = new HashMap<>();
            for (Credential c : credentials) {
                byKey.put(c.key(), c);
                position.put(c.key(), position.size());
            }
            Map<String, Integer> missing = new HashMap<>();
            Map<String, List<String>> dependents = new HashMap<>();
            for (Credential c : credentials) {
                for (String dep : c.dependsOn()) {
                    if (!byKey.containsKey(dep)) {
                        throw error(c.line(), "credential [" + c.key() + "] depends_on unknown key [" + dep + "]");
                    }
                    if (dep.equals(c.key())) {
                        throw error(c.line(), "credential [" + c.key() + "] depends on itself");
                    }
                    dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(c.key());
                }
                missing.put(c.key(), (int) c.dependsOn().stream().distinct().count());
            }
            Comparator<Credential> rank = Comparator
                    .comparing((Credential c) -> c.order() == null ? Integer.MAX_VALUE : c.order())
                    .thenComparing(c -> position.get(c.key()));
            PriorityQueue<Credential> ready = new PriorityQueue<>(rank);
            credentials.stream().filter(c -> missing.get(c.key()) == 0).forEach(ready::add);
            List<Credential> out = new ArrayList<>();
            while (!ready.isEmpty()) {
                Credential next = ready.poll();
                out.add(next);
                for (String d : dependents.getOrDefault(next.key(), List.of())) {
                    if (missing.merge(d, -1, Integer::sum) == 0) {
                        ready.add(byKey.get(d));
                    }
                }
            }
            if (out.size() != credentials.size()) {
                Credential stuck = credentials.stream().filter(c -> !out.contains(c)).findFirst().orElseThrow();
                throw error(stuck.line(), "depends_on forms a cycle through [" + stuck.key() + "]");
            }
            return out;
        }

        /**
         * A host, port, user or database setting that names a key the playbook rotates is a mistake that would
         * send a secret to the server as a name (and show it in the server's error): refused here.
         */
        private void checkSettingsAreNotCredentials(List<Credential> credentials) throws PlaybookException {
            Set<String> rotated = new HashSet<>();
            credentials.forEach(c -> rotated.add(c.key()));
            for (Credential c : credentials) {
                List<String> names = new ArrayList<>();
                if (c.apply() instanceof ApplySpec.Postgres p) {
                    names.addAll(java.util.Arrays.asList(p.hostKey(), p.portKey(), p.roleKey()));
                    p.databaseKey().ifPresent(names::add);
                    p.adminUserKey().ifPresent(names::add);
                } else if (c.apply() instanceof ApplySpec.Redis r) {
                    names.addAll(java.util.Arrays.asList(r.hostKey(), r.portKey()));
                    r.usernameKey().ifPresent(names::add);
                    r.adminUserKey().ifPresent(names::add);
                }
                for (String name : names) {
                    if (name != null && rotated.contains(name)) {
                        throw error(c.line(), "credential [" + c.key() + "] takes a connection setting (host, port,"
                                + " user or database) from [" + name + "], which the playbook rotates as a secret;"
                                + " name the key that holds the setting");
                    }
                }
            }
        }

        private void checkUnique(List<Credential> credentials) throws PlaybookException {
            Set<String> seen = new HashSet<>();
            for (Credential c : credentials) {
                if (!seen.add(c.key())) {
                    throw error(c.line(), "credential [" + c.key() + "] is listed twice");
                }
            }
        }

        // ---- typed access ----

        private MapNode map(Node node, String what) throws PlaybookException {
            if (node instanceof MapNode m) {
                return m;
            }
            throw error(node.line(), what + " must be a mapping");
        }

        private ListNode list(Node node, String what) throws PlaybookException {
            if (node instanceof ListNode l) {
                return l;
            }
            throw error(node.line(), what + " must be a list");
        }

        private String text(Node node, String field) throws PlaybookException {
            if (node instanceof Scalar s && s.text() != null && s.token() != JsonToken.VALUE_NULL) {
                return s.text();
            }
            throw error(node.line(), "[" + field + "] must be a text value");
        }

        private int integer(Node node, String field) throws PlaybookException {
            if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
                try {
                    return Integer.parseInt(s.text());
                } catch (NumberFormatException e) {
                    throw error(node.line(), "[" + field + "] is out of range");
                }
            }
            throw error(node.line(), "[" + field + "] must be a whole number");
        }

        private boolean bool(Node node, String field) throws PlaybookException {
            if (node instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
                return s.token() == JsonToken.VALUE_TRUE;
            }
            throw error(node.line(), "[" + field + "] must be true or false");
        }

        private Duration duration(Node node, String in) throws PlaybookException {
            if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
                return Duration.ofSeconds(integer(node, "timeout"));
            }
            String t = text(node, "timeout");
            java.util.regex.Matcher m = Pattern.compile("(\\d{1,6})(s|m)").matcher(t);
            if (!m.matches()) {
                throw error(node.line(), in + " timeout must be seconds (30, 30s) or minutes (2m)");
            }
            long n = Long.parseLong(m.group(1));
            return m.group(2).equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
        }

        private List<String> argv(Node node, String what) throws PlaybookException {
            List<String> out = new ArrayList<>();
            for (Node item : list(node, what).items()) {
                out.add(text(item, what));
            }
            if (out.isEmpty()) {
                throw error(node.line(), what + " must name a program");
            }
            return out;
        }

        private Node required(MapNode map, String field, String where) throws PlaybookException {
            Node node = map.fields().get(field);
            if (node == null) {
                throw error(map.line(), where + " is missing required field [" + field + "]");
            }
            return node;
        }

        /** A dependency as the credential it names spells it; an unknown name is reported later, as written. */
        private static String canonicalOrAsWritten(String name) {
            String canonical = KeyNames.canonical(name);
            return canonical == null ? name : canonical;
        }

        private String keyName(MapNode map, String field, String where) throws PlaybookException {
            String name = KeyNames.canonical(text(required(map, field, where), field));
            if (name == null) {
                throw error(map.fieldLines().get(field), where + " [" + field + "] must name a key of the file");
            }
            return name;
        }

        /** A split connection key: required without {@code url_key}, optional (null) with it. */
        private String splitKey(MapNode map, String field, String where, Optional<String> url)
                throws PlaybookException {
            if (url.isPresent() && !map.fields().containsKey(field)) {
                return null;
            }
            if (!map.fields().containsKey(field)) {
                throw error(map.line(), where + " is missing required field [" + field + "] (or give url_key)");
            }
            return keyName(map, field, where);
        }

        private Optional<String> optionalKey(MapNode map, String field) throws PlaybookException {
            return map.fields().containsKey(field) ? Optional.of(keyName(map, field, field)) : Optional.empty();
        }

        private void allowOnly(MapNode map, String where, String... allowed) throws PlaybookException {
            List<String> names = List.of(allowed);
            for (String field : map.fields().keySet()) {
                if (!names.contains(field)) {
                    throw error(map.fieldLines().get(field), "unknown field [" + field + "] in " + where
                            + " (allowed: " + String.join(", ", names) + ")");
                }
            }
        }

        private PlaybookException error(Integer line, String message) {
            return new PlaybookException(source, line == null ? 0 : line, message, null, null);
        }
    }
}
