package dev.secrets.sops;

/**
 * How a nested store's file was laid out when read: the {@code sops} metadata mapping as stored (its key order,
 * its {@code null}/empty placeholders of older sops releases) and the indentation, so a rewrite keeps both.
 *
 * @param metadata the stored {@code sops} mapping
 * @param indent the indentation unit of the file (JSON: a tab or spaces; YAML: spaces)
 */
public record StoredLayout(TreeValue.Mapping metadata, String indent) {
}
