package dev.secrets.rotate;

import java.util.List;

/**
 * One playbook entry: the file key it rotates, where the new value comes from, how it is applied, what must be
 * rotated first, an optional explicit order, and the playbook line it was read from (for messages).
 */
public record Credential(String key, ValueRecipe recipe, ApplySpec apply, List<String> dependsOn, Integer order,
        int line) {
    /** Copies the list. */
    public Credential {
        dependsOn = List.copyOf(dependsOn);
    }

    /** True when a person supplies the value. */
    public boolean isManual() {
        return recipe instanceof ValueRecipe.Manual;
    }
}
