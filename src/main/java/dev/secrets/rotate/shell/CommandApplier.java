package dev.secrets.rotate.shell;

import dev.secrets.io.Environment;
import dev.secrets.io.ProcessRunner;
import dev.secrets.rotate.Acceptance;
import dev.secrets.rotate.ApplyContext;
import dev.secrets.rotate.ApplyException;
import dev.secrets.rotate.ApplySpec;
import dev.secrets.rotate.CredentialApplier;
import dev.secrets.secret.SecretBytes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a credential by running the playbook's command. Values travel only in the child's environment
 * ({@code KEY}, {@code OLD_VALUE}, {@code NEW_VALUE}, {@code SECRETS_ROTATE_PHASE} = apply | rollback), never in
 * its argument list; the rest of the environment is only {@code PATH}, {@code HOME}, {@code LANG},
 * {@code TMPDIR}. The optional verify command gets {@code CANDIDATE_VALUE} and exits 0 when it is accepted, 1
 * when it is refused (anything else is an error). Rollback runs the apply command with old and new swapped.
 * Commands must be idempotent: after a crash the same command may run again. Standard error is reported with
 * both values blanked out.
 */
final class CommandApplier implements CredentialApplier {
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TMPDIR");
    private final ApplySpec.Command spec;
    private final Environment environment;

    CommandApplier(ApplySpec.Command spec, Environment environment) {
        this.spec = spec;
        this.environment = environment;
    }

    @Override
    public String describe() {
        return "command [" + String.join(" ", spec.run()) + "]";
    }

    @Override
    public void apply(ApplyContext context) throws ApplyException {
        run(context, "apply", context.oldValue().orElse(null), context.newValue());
    }

    @Override
    public void verify(ApplyContext context) throws ApplyException {
        if (spec.verify().isEmpty()) {
            return;
        }
        if (probe(context, context.newValue()) != Acceptance.ACCEPTED) {
            throw new ApplyException("[" + context.key() + "] verify command refuses the new value", true, null);
        }
        if (context.oldValue().isPresent() && probe(context, context.oldValue().get()) != Acceptance.REFUSED) {
            throw new ApplyException("[" + context.key() + "] verify command still accepts the old value", true, null);
        }
    }

    @Override
    public boolean rollback(ApplyContext context) throws ApplyException {
        if (context.oldValue().isEmpty()) {
            return false;
        }
        run(context, "rollback", context.newValue(), context.oldValue().get());
        return spec.verify().isEmpty() || probe(context, context.oldValue().get()) == Acceptance.ACCEPTED;
    }

    @Override
    public Acceptance probe(ApplyContext context, SecretBytes candidate) throws ApplyException {
        if (spec.verify().isEmpty()) {
            return Acceptance.UNKNOWN;
        }
        Map<String, String> env = baseEnvironment(context, "verify");
        env.put("CANDIDATE_VALUE", candidate.toUtf8());
        ProcessRunner.Result result = execute(context, spec.verify().get(), env, "verify");
        if (result.exitCode() == 0) {
            return Acceptance.ACCEPTED;
        }
        if (result.exitCode() == 1) {
            return Acceptance.REFUSED;
        }
        throw new ApplyException("[" + context.key() + "] verify command exited with " + result.exitCode()
                + stderrSummary(result, context, candidate), false, null);
    }

    private void run(ApplyContext context, String phase, SecretBytes oldValue, SecretBytes newValue)
            throws ApplyException {
        Map<String, String> env = baseEnvironment(context, phase);
        env.put("OLD_VALUE", oldValue == null ? "" : oldValue.toUtf8());
        env.put("NEW_VALUE", newValue.toUtf8());
        ProcessRunner.Result result = execute(context, spec.run(), env, phase);
        if (result.exitCode() != 0) {
            throw new ApplyException("[" + context.key() + "] " + phase + " command exited with " + result.exitCode()
                    + stderrSummary(result, context, newValue), true, null);
        }
    }

    private Map<String, String> baseEnvironment(ApplyContext context, String phase) {
        Map<String, String> env = new HashMap<>();
        for (String name : INHERITED) {
            environment.get(name).ifPresent(value -> env.put(name, value));
        }
        env.put("KEY", context.key());
        env.put("SECRETS_ROTATE_PHASE", phase);
        return env;
    }

    private ProcessRunner.Result execute(ApplyContext context, List<String> argv, Map<String, String> env,
            String phase) throws ApplyException {
        try {
            return ProcessRunner.capture(argv, env, null, spec.timeout().toSeconds(), MAX_OUTPUT);
        } catch (IOException e) {
            throw new ApplyException("[" + context.key() + "] " + phase + " command [" + argv.get(0)
                    + "] could not run: " + e.getMessage(), !phase.equals("verify"), e);
        }
    }

    /**
     * What the report says about a failed command's stderr: only how much there was. Its text is not copied into
     * reports (or --json), because a command may echo a value in a form no redaction recognises (URL-encoded in a
     * DSN, shell-quoted by {@code set -x}, cut in the middle).
     */
    private static String stderrSummary(ProcessRunner.Result result, ApplyContext context, SecretBytes extra) {
        long lines = result.stderr().strip().lines().count();
        return lines == 0 ? "" : " (" + lines + " line(s) on stderr, not shown because they may echo values; "
                + "run the command by hand to see them)";
    }

}
