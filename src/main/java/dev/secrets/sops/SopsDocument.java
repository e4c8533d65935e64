package dev.secrets.sops;

/**
 * An encrypted document as read from disk: its tree (values still ENC strings), its metadata, and how the
 * store laid the file out, so a rewrite changes only what changed.
 *
 * @param tree the data
 * @param metadata the metadata
 * @param layout the stored layout, or null (dotenv, or a file not read from disk)
 */
public record SopsDocument(SopsTree tree, Metadata metadata, StoredLayout layout) {
    /** A document without a stored layout. */
    public SopsDocument(SopsTree tree, Metadata metadata) {
        this(tree, metadata, null);
    }
}
