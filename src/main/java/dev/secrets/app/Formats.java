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
}
