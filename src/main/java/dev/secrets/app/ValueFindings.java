package dev.secrets.app;

import dev.secrets.audit.CredentialKeys;
import dev.secrets.audit.Finding;
import dev.secrets.audit.ProductionFlags;
import dev.secrets.audit.ValueDigests;
import dev.secrets.audit.WeakSecrets;
import dev.secrets.rotate.Playbook;
import dev.secrets.secret.SecretBytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code values.*} and {@code playbook.*} checks of {@link Doctor} over the files of one run: weak
 * credentials, production flags, playbook coverage, and (across files) one value reused in several places.
 * Values are compared by {@link ValueDigests} and every copy is wiped.
 */
final class ValueFindings {
    private final ValueDigests digests = new ValueDigests();
    private final Map<ByteBuffer, List<String>> seen = new LinkedHashMap<>();

    /** The value findings of one opened file; its credentials are remembered for {@link #reused()}. */
    List<Finding> of(OpenedFile opened, String name, boolean production, Playbook playbook) {
        List<Finding> findings = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        List<String> done = new ArrayList<>();
        TreeLeaves.each(opened.plain(), (path, scalar) -> {
            String key = TreeLeaves.key(path);
            if (done.contains(key)) {
                return;
            }
            done.add(key);
            String leaf = TreeLeaves.name(path);
            byte[] value = scalar.bytes();
            byte[] secret = null;
            try {
                if (production && ProductionFlags.isFlag(key)) {
                    ProductionFlags.problem(key, value).ifPresent(problem ->
                            findings.add(Finding.fail("values.production", name + ":" + key, problem)));
                }
                Optional<CredentialKeys.Kind> kind = CredentialKeys.kind(leaf);
                int[] url = CredentialKeys.urlPassword(value);
                if (kind.isPresent()) {
                    secret = value.clone();
                } else if (url != null) {
                    secret = java.util.Arrays.copyOfRange(value, url[0], url[1]);
                    kind = Optional.of(CredentialKeys.Kind.PASSWORD);
                }
                if (secret == null) {
                    return;
                }
                String where = name + ":" + key + (url != null && !CredentialKeys.looksLikeCredential(leaf)
                        ? " (password in the URL)" : "");
                WeakSecrets.judge(leaf, kind.get(), secret).ifPresent(reason -> findings.add(Finding.fail(
                        "values.weak", where, "the value " + reason.text() + ": replace it with a generated one"
                                + " ('secrets rotate " + name + " " + key + "' or 'secrets set " + name + " " + key
                                + " --generate')")));
                if (secret.length > 0) {
                    seen.computeIfAbsent(digests.digest(secret), d -> new ArrayList<>()).add(name + ":" + key);
                }
                if (playbook != null && playbook.credential(key).isEmpty()) {
                    uncovered.add(key);
                }
            } finally {
                SecretBytes.wipe(value);
                SecretBytes.wipe(secret);
            }
        });
        if (!done.isEmpty() && playbook == null && seen.values().stream().flatMap(List::stream)
                .anyMatch(w -> w.startsWith(name + ":"))) {
            findings.add(Finding.warn("playbook.missing", name, "no rotation playbook beside it: write one with"
                    + " 'secrets rotate " + name + " --init'"));
        }
        for (String key : uncovered) {
            findings.add(Finding.warn("playbook.uncovered", name + ":" + key, "looks like a credential but the"
                    + " playbook has no entry for it: add one (docs/playbook.md)"));
        }
        return findings;
    }

    /** One finding per credential value used in more than one place, across every file seen. */
    List<Finding> reused() {
        List<Finding> findings = new ArrayList<>();
        for (List<String> places : seen.values()) {
            if (places.size() > 1) {
                findings.add(Finding.fail("values.reused", String.join(", ", places), "one secret is used in "
                        + places.size() + " places: give each its own generated value"));
            }
        }
        return findings;
    }
}
