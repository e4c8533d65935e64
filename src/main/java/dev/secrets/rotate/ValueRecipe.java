package dev.secrets.rotate;

import dev.secrets.secret.SecretBytes;
import dev.secrets.secret.SecretGenerator;

/** Where a credential's new value comes from: generated randomly, or typed by a person (manual). */
public sealed interface ValueRecipe {

    /** A short description for plans and reports (never a value). */
    String describe();

    /** {@code bytes} random bytes written with {@code encoding}. */
    record RandomBytes(int bytes, SecretGenerator.Encoding encoding, boolean allowWeak) implements ValueRecipe {
        /** Makes a new value with {@code generator}. */
        public SecretBytes generate(SecretGenerator generator) {
            return generator.generate(bytes, encoding, allowWeak);
        }

        @Override
        public String describe() {
            return bytes + " random bytes as " + encoding.playbookName();
        }
    }

    /** A password drawn from an alphabet. */
    record Password(SecretGenerator.PasswordPolicy policy, boolean allowWeak) implements ValueRecipe {
        /** Makes a new value with {@code generator}. */
        public SecretBytes generate(SecretGenerator generator) {
            return generator.password(policy, allowWeak);
        }

        @Override
        public String describe() {
            return "password of " + policy.length() + " characters from [" + policy.alphabet() + "]";
        }
    }

    /** A value a person issues elsewhere (a provider console) and types in, following {@code instructions}. */
    record Manual(String instructions) implements ValueRecipe {
        @Override
        public String describe() {
            return "manual";
        }
    }
}
