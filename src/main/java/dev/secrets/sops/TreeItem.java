package dev.secrets.sops;

/**
 * One item of a SOPS tree branch. Dotenv documents are a single flat branch of these; blank lines are kept
 * as items so a round trip through {@code secrets} loses nothing (they carry no data and no MAC input).
 */
public sealed interface TreeItem permits TreeItem.Blank, TreeItem.Comment, TreeItem.Entry {
    /** An empty line: no data, not encrypted, not hashed. */
    record Blank() implements TreeItem {
    }

    /** A comment; its value is a {@link Scalar#COMMENT} (plain text or an ENC string). */
    record Comment(Scalar value) implements TreeItem {
    }

    /** A key and its value (plain, or an ENC string when the tree is encrypted). */
    record Entry(String key, Scalar value) implements TreeItem {
    }
}
