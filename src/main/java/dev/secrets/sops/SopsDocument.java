package dev.secrets.sops;

/** An encrypted document as read from disk: its tree (values still ENC strings) and its metadata. */
public record SopsDocument(SopsTree tree, Metadata metadata) {
}
