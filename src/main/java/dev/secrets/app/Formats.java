package dev.secrets.app;

import dev.secrets.sops.Metadata;

/** Facts about the formats this build reads and writes, for {@code --version}. */
public final class Formats {
    /** The sops release whose dotenv layout is written. */
    public static final String SOPS_VERSION = Metadata.FORMAT_VERSION;

    /** The formats {@code --input-type} and {@code --output-type} name. */
    public static final java.util.List<String> STORES = dev.secrets.sops.store.SopsStores.FORMATS;

    private Formats() {
    }

    /**
     * Refuses to write a tree of several YAML documents in a format that holds one: sops writes only the first
     * there (and, encrypting, a MAC over all of them, so the file fails its own check).
     */
    static void refuseDroppedDocuments(dev.secrets.sops.SopsTree tree, dev.secrets.sops.store.SopsStore output,
            String source) throws UsageException {
        if (!tree.moreBranches().isEmpty() && !output.name().equals("yaml")) {
            throw new UsageException(UsageException.Kind.UNSUPPORTED, "[" + source + "] holds "
                    + tree.branches().size() + " YAML documents; " + output.name() + " holds one, so the others would "
                    + "be lost (write YAML, or split the file)");
        }
    }
}
