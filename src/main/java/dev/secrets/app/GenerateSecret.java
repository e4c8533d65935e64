package dev.secrets.app;

import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;
import dev.secrets.secret.SecretGenerator.Encoding;
import java.util.ArrayList;
import java.util.List;

/** {@code secrets generate}: random secrets from {@code SecureRandom}, printed one per line. */
public final class GenerateSecret {
    /** The most secrets one run may print. */
    public static final int MAX_COUNT = 10_000;

    private GenerateSecret() {
    }

    /**
     * What one secret looks like.
     *
     * @param bytes random bytes of entropy (alnum output has as many characters as carry that entropy)
     * @param encoding how the bytes are written
     * @param allowWeak accept fewer than {@link SecretGenerator#MIN_BYTES} bytes
     */
    public record Spec(int bytes, Encoding encoding, boolean allowWeak) {
        /** 32 bytes, base64. */
        public static final Spec DEFAULT = new Spec(SecretGenerator.DEFAULT_BYTES, Encoding.BASE64, false);

        /**
         * Parses {@code ENCODING[:BYTES]} or {@code BYTES} (e.g. {@code hex:16}, {@code alnum}, {@code 48});
         * empty or null is {@link #DEFAULT}.
         *
         * @throws UsageException {@code INVALID_ARGUMENT} for anything else
         */
        public static Spec parse(String text) throws UsageException {
            if (text == null || text.isBlank()) {
                return DEFAULT;
            }
            String[] parts = text.trim().split(":", -1);
            try {
                if (parts.length == 1 && parts[0].chars().allMatch(Character::isDigit)) {
                    return new Spec(Integer.parseInt(parts[0]), Encoding.BASE64, false);
                }
                if (parts.length > 2) {
                    throw new IllegalArgumentException("too many ':'");
                }
                int bytes = parts.length == 2 ? Integer.parseInt(parts[1]) : SecretGenerator.DEFAULT_BYTES;
                return new Spec(bytes, Encoding.parse(parts[0]), false);
            } catch (IllegalArgumentException e) {
                throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "generate spec [" + text
                        + "] is not ENCODING[:BYTES] (e.g. base64:32, hex:16, alnum) or BYTES: " + e.getMessage());
            }
        }
    }

    /** How many secrets of which kind. */
    public record Request(Spec spec, int count) {
    }

    /** The secrets, ASCII text each; the caller destroys them after printing. */
    public record Result(List<SecretBytes> secrets) {
    }

    /**
     * Generates {@code count} secrets.
     *
     * @throws UsageException {@code INVALID_ARGUMENT} for a weak spec without {@code allowWeak} or a bad count
     */
    public static Result run(Request request) throws UsageException {
        if (request.count() < 1 || request.count() > MAX_COUNT) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, "--count " + request.count()
                    + " is outside 1.." + MAX_COUNT);
        }
        List<SecretBytes> out = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            out.add(one(request.spec()));
        }
        return new Result(out);
    }

    /** One secret as {@code spec} says. */
    static SecretBytes one(Spec spec) throws UsageException {
        try {
            return new SecretGenerator().generate(spec.bytes(), spec.encoding(), spec.allowWeak());
        } catch (SecretGenerator.WeakSecretException e) {
            throw new UsageException(UsageException.Kind.INVALID_ARGUMENT, e.getMessage()
                    + (spec.bytes() < SecretGenerator.MIN_BYTES ? " (--allow-weak)" : ""));
        }
    }
}
