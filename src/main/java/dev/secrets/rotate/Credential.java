package dev.secrets.rotate;

import java.util.List;

/**
 * One playbook entry: the file key it rotates, where the new value comes from, how it is applied, what must be
 * rotated first, an optional explicit order, the playbook line it was read from (for messages), and how old its
 * value may get before {@code secrets status} and {@code doctor} call it overdue (null: no limit).
 */
public record Credential(String key, ValueRecipe recipe, ApplySpec apply, List<String> dependsOn, Integer order,
        int line, java.time.Duration maxAge) {
    /** Copies the list. */
    public Credential {
        dependsOn = List.copyOf(dependsOn);
    }

    /** An entry without a {@code max_age}. */
    public Credential(String key, ValueRecipe recipe, ApplySpec apply, List<String> dependsOn, Integer order,
            int line) {
        this(key, recipe, apply, dependsOn, order, line, null);
    }

    /** True when a person supplies the value. */
    public boolean isManual() {
        return recipe instanceof ValueRecipe.Manual;
    }
}
