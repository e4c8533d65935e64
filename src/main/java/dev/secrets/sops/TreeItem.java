package dev.secrets.sops;

/**
 * One item of a SOPS tree branch. Dotenv documents are a single flat branch of these; blank lines are kept
 * as items so a round trip through {@code secrets} loses nothing (they carry no data and no MAC input).
 * Nested stores (YAML, JSON, INI) also use {@link Nested} for keys whose value is a mapping, list or null.
 */
public sealed interface TreeItem permits TreeItem.Blank, TreeItem.Comment, TreeItem.Entry, TreeItem.Nested {
    /** An empty line: no data, not encrypted, not hashed. */
    record Blank() implements TreeItem {
    }

    /**
     * A comment; its value is a {@link Scalar#COMMENT} (plain text or an ENC string).
     *
     * @param value the text after {@code #}
     * @param inline whether it followed a value on the same line (YAML), which decides where it is written back
     */
    record Comment(Scalar value, boolean inline) implements TreeItem, TreeValue {
        /** A comment on its own line. */
        public Comment(Scalar value) {
            this(value, false);
        }
    }

    /** A key and its value (plain, or an ENC string when the tree is encrypted). */
    record Entry(String key, Scalar value) implements TreeItem {
    }

    /** A key whose value is not a scalar: a mapping, a list or null. */
    record Nested(String key, TreeValue value) implements TreeItem {
        /** Checks that scalars use {@link Entry}, so flat code keeps seeing every scalar as an entry. */
        public Nested {
            if (value instanceof Scalar || value instanceof Comment) {
                throw new IllegalArgumentException("scalars belong in TreeItem.Entry");
            }
        }
    }

    /** The item for {@code key} holding {@code value} of any kind. */
    static TreeItem of(String key, TreeValue value) {
        return value instanceof Scalar s ? new Entry(key, s) : new Nested(key, value);
    }
}
