package dev.secrets.rotate;

import java.util.List;

/**
 * One playbook entry: the file key it rotates, where the new value comes from, how it is applied, what must be
 * rotated first, an optional explicit order, the playbook line it was read from (for messages), the keys that
 * the playbook says hold copies of it ({@code also_in}; copies are found and rewritten anyway, see
 * {@link SecretCopies}, but a listed key without a copy is reported), and how old its value may get before
 * {@code secrets status} and {@code doctor} call it overdue (null: no limit).
 */
public record Credential(String key, ValueRecipe recipe, ApplySpec apply, List<String> dependsOn, Integer order,
        int line, List<String> alsoIn, java.time.Duration maxAge) {
    /** Copies the lists. */
    public Credential {
        dependsOn = List.copyOf(dependsOn);
        alsoIn = List.copyOf(alsoIn);
    }

    /** An entry without {@code also_in} or {@code max_age}. */
    public Credential(String key, ValueRecipe recipe, ApplySpec apply, List<String> dependsOn, Integer order,
            int line) {
        this(key, recipe, apply, dependsOn, order, line, List.of(), null);
    }

    /** True when a person supplies the value. */
    public boolean isManual() {
        return recipe instanceof ValueRecipe.Manual;
    }
}
